// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - config.json's mounts and linux sections
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * mounts, with their options turned into MS_* flags and data; and linux:
 * namespaces, id mappings, devices, sysctls, masked and read-only paths,
 * the cgroup path, rootfs propagation and the resources runsc-lite
 * applies.  linux.seccomp is left as JSON for the policy compiler.  The
 * tables of names accepted here are also what the features document lists.
 */

#define _GNU_SOURCE
#include <json-c/json.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "spec-internal.h"

const struct name_value namespace_types[] = {
	{ "pid", CLONE_NEWPID },
	{ "network", CLONE_NEWNET },
	{ "mount", CLONE_NEWNS },
	{ "ipc", CLONE_NEWIPC },
	{ "uts", CLONE_NEWUTS },
	{ "user", CLONE_NEWUSER },
	{ "cgroup", CLONE_NEWCGROUP },
};

const size_t nr_namespace_types = ARRAY_SIZE(namespace_types);

/* Mount propagation, for mount options and linux.rootfsPropagation. */
const struct name_value propagations[] = {
	{ "private", MS_PRIVATE },
	{ "rprivate", MS_PRIVATE | MS_REC },
	{ "shared", MS_SHARED },
	{ "rshared", MS_SHARED | MS_REC },
	{ "slave", MS_SLAVE },
	{ "rslave", MS_SLAVE | MS_REC },
	{ "unbindable", MS_UNBINDABLE },
	{ "runbindable", MS_UNBINDABLE | MS_REC },
};

const size_t nr_propagations = ARRAY_SIZE(propagations);

const struct mount_flag mount_flags[] = {
	{ "defaults", 0, false },
	{ "ro", MS_RDONLY, false },
	{ "rw", MS_RDONLY, true },
	{ "nosuid", MS_NOSUID, false },
	{ "suid", MS_NOSUID, true },
	{ "nodev", MS_NODEV, false },
	{ "dev", MS_NODEV, true },
	{ "noexec", MS_NOEXEC, false },
	{ "exec", MS_NOEXEC, true },
	{ "sync", MS_SYNCHRONOUS, false },
	{ "async", MS_SYNCHRONOUS, true },
	{ "dirsync", MS_DIRSYNC, false },
	{ "remount", MS_REMOUNT, false },
	{ "mand", MS_MANDLOCK, false },
	{ "nomand", MS_MANDLOCK, true },
	{ "noatime", MS_NOATIME, false },
	{ "atime", MS_NOATIME, true },
	{ "nodiratime", MS_NODIRATIME, false },
	{ "diratime", MS_NODIRATIME, true },
	{ "relatime", MS_RELATIME, false },
	{ "norelatime", MS_RELATIME, true },
	{ "strictatime", MS_STRICTATIME, false },
	{ "nostrictatime", MS_STRICTATIME, true },
	{ "acl", MS_POSIXACL, false },
	{ "noacl", MS_POSIXACL, true },
	{ "iversion", MS_I_VERSION, false },
	{ "noiversion", MS_I_VERSION, true },
	{ "lazytime", MS_LAZYTIME, false },
	{ "nolazytime", MS_LAZYTIME, true },
	{ "silent", MS_SILENT, false },
	{ "loud", MS_SILENT, true },
	{ "nosymfollow", MS_NOSYMFOLLOW, false },
	{ "symfollow", MS_NOSYMFOLLOW, true },
};

const size_t nr_mount_flags = ARRAY_SIZE(mount_flags);

/*
 * Mount options runc understands and runsc-lite refuses, besides the
 * recursive attributes ("rro", "rnosuid": "r" and a flag's name), which
 * need mount_setattr().  Passed on as data they would be dropped without
 * a word for a bind mount (the kernel ignores a bind's data), so an "rro"
 * bind would end up writable.
 */
static const struct {
	const char *name;
	const char *why;
} refused_options[] = {
	{ "tmpcopyup", "copying a directory up into a tmpfs" },
	{ "idmap", "idmapped mounts" },
	{ "ridmap", "idmapped mounts" },
};

/*
 * mounts
 */

static const struct mount_flag *find_mount_flag(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mount_flags); i++)
		if (!strcmp(mount_flags[i].name, name))
			return &mount_flags[i];
	return NULL;
}

static const char *refused_option(const char *name)
{
	size_t i;

	if (name[0] == 'r' && find_mount_flag(name + 1))
		return "recursive mount attributes";
	for (i = 0; i < ARRAY_SIZE(refused_options); i++)
		if (!strcmp(refused_options[i].name, name))
			return refused_options[i].why;
	return NULL;
}

/*
 * Apply option @opt, at @path, to @m.  @flags also gets MS_BIND (and
 * MS_REC for "rbind"), as runc's do; @m->data has room for every option.
 */
static int mount_option(struct ctx *c, const char *path, struct spec_mount *m,
			const char *opt)
{
	const struct mount_flag *f = find_mount_flag(opt);
	const char *why = refused_option(opt);
	unsigned long prop;

	if (f) {
		m->flags = f->clear ? m->flags & ~f->flag : m->flags | f->flag;
		m->clear = f->clear ? m->clear | f->flag : m->clear & ~f->flag;
	} else if (!strcmp(opt, "bind") || !strcmp(opt, "rbind")) {
		m->bind = true;
		m->recursive |= opt[0] == 'r';
		m->flags |= MS_BIND | (m->recursive ? MS_REC : 0);
	} else if (lookup(propagations, ARRAY_SIZE(propagations), opt,
			  &prop)) {
		/* One mount(2) call sets one propagation type. */
		if (m->propagation && m->propagation != prop)
			return fail(c, path, NULL,
				    "'%s' conflicts with an earlier propagation option",
				    opt);
		m->propagation = prop;
	} else if (why) {
		return fail(c, path, NULL, "'%s' is not supported (%s)", opt,
			    why);
	} else {
		if (*m->data)
			strcat(m->data, ",");
		strcat(m->data, opt);
	}
	return 0;
}

static int mount_options(struct ctx *c, const char *path, struct spec_mount *m)
{
	char apath[JPATH_MAX], epath[JPATH_MAX];
	size_t i, len = 1;

	if (!m->options)
		return 0;
	for (i = 0; m->options[i]; i++)
		len += strlen(m->options[i]) + 1;
	m->data = calloc(1, len);
	if (!m->data)
		return fail_nomem(c, path, "options");
	jkey(apath, path, "options");
	for (i = 0; m->options[i]; i++)
		if (mount_option(c, jidx(epath, apath, i), m, m->options[i]))
			return -1;
	/* No data at all is NULL, which every filesystem takes. */
	if (!*m->data) {
		free(m->data);
		m->data = NULL;
	}
	return 0;
}

/* Idmapped mounts (runtime-spec 1.2) need mount_setattr(): refuse them. */
static int refuse_idmapped(struct ctx *c, struct json_object *obj,
			   const char *path)
{
	static const char *const keys[] = { "uidMappings", "gidMappings" };
	struct json_object *arr;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		ret = member(c, obj, path, keys[i], json_type_array, OPTIONAL,
			     &arr);
		if (ret < 0)
			return -1;
		if (ret > 0 && json_object_array_length(arr))
			return fail(c, path, keys[i],
				    "not supported (idmapped mounts)");
	}
	return 0;
}

static int parse_mount(struct ctx *c, struct json_object *obj,
		       const char *path, void *elem, void *arg)
{
	struct spec_mount *m = elem;

	(void)arg;
	if (get_string(c, obj, path, "destination", REQUIRED,
		       &m->destination) < 0 ||
	    get_string(c, obj, path, "type", OPTIONAL, &m->type) < 0 ||
	    get_string(c, obj, path, "source", OPTIONAL, &m->source) < 0 ||
	    get_strings(c, obj, path, "options", OPTIONAL, &m->options) < 0 ||
	    refuse_idmapped(c, obj, path))
		return -1;
	if (m->destination[0] != '/')
		return fail(c, path, "destination",
			    "'%s' is not an absolute path", m->destination);
	if (m->type && !strcmp(m->type, "bind")) {
		m->bind = true;
		m->flags |= MS_BIND;
	}
	return mount_options(c, path, m);
}

int parse_mounts(struct ctx *c, struct json_object *doc,
		 struct spec *spec)
{
	struct json_object *arr;
	int ret;

	ret = member(c, doc, "", "mounts", json_type_array, OPTIONAL, &arr);
	if (ret <= 0)
		return ret;
	spec->mounts = alloc_array(c, arr, "", "mounts", sizeof(*spec->mounts),
				   &spec->nr_mounts);
	if (!spec->mounts)
		return -1;
	return each_object(c, arr, "mounts", spec->mounts,
			   sizeof(*spec->mounts), parse_mount, NULL);
}

/*
 * linux: namespaces and id mappings
 */

static int parse_namespace(struct ctx *c, struct json_object *obj,
			   const char *path, void *elem, void *arg)
{
	const struct spec *spec = arg;
	struct spec_namespace *ns = elem;
	const struct spec_namespace *prev;
	unsigned long type;
	const char *name;

	if (get_cstr(c, obj, path, "type", REQUIRED, &name) < 0)
		return -1;
	/*
	 * A new time namespace applies to the children of the task that
	 * makes it, and the container's init is the task that would; it is
	 * refused rather than silently not made.
	 */
	if (!strcmp(name, "time"))
		return fail(c, path, "type",
			    "time namespaces are not supported by runsc-lite");
	if (!lookup(namespace_types, ARRAY_SIZE(namespace_types), name, &type))
		return fail(c, path, "type", "unknown namespace type '%s'",
			    name);
	for (prev = spec->namespaces; prev < ns; prev++)
		if (prev->type == (int)type)
			return fail(c, path, "type",
				    "duplicate namespace type '%s'", name);
	ns->type = (int)type;
	if (get_string(c, obj, path, "path", OPTIONAL, &ns->path) < 0)
		return -1;
	if (ns->path && ns->path[0] != '/')
		return fail(c, path, "path", "'%s' is not an absolute path",
			    ns->path);
	return 0;
}

static int parse_namespaces(struct ctx *c, struct json_object *lnx,
			    struct spec *spec)
{
	struct json_object *arr;
	int ret;

	ret = member(c, lnx, "linux", "namespaces", json_type_array, OPTIONAL,
		     &arr);
	if (ret <= 0)
		return ret;
	spec->namespaces = alloc_array(c, arr, "linux", "namespaces",
				       sizeof(*spec->namespaces),
				       &spec->nr_namespaces);
	if (!spec->namespaces)
		return -1;
	return each_object(c, arr, "linux.namespaces", spec->namespaces,
			   sizeof(*spec->namespaces), parse_namespace, spec);
}

static int parse_idmap(struct ctx *c, struct json_object *obj,
		       const char *path, void *elem, void *arg)
{
	struct spec_idmap *map = elem;

	(void)arg;
	if (get_u32(c, obj, path, "containerID", REQUIRED,
		    &map->container_id) < 0 ||
	    get_u32(c, obj, path, "hostID", REQUIRED, &map->host_id) < 0 ||
	    get_u32(c, obj, path, "size", REQUIRED, &map->size) < 0)
		return -1;
	if (!map->size)
		return fail(c, path, "size", "0: a mapping maps at least one id");
	/* The kernel refuses a range that wraps around; say which one. */
	if ((uint64_t)map->container_id + map->size - 1 > UINT32_MAX ||
	    (uint64_t)map->host_id + map->size - 1 > UINT32_MAX)
		return fail(c, path, "size", "%u runs past the last id",
			    map->size);
	return 0;
}

static int parse_idmaps(struct ctx *c, struct json_object *lnx,
			const char *key, struct spec_idmap **maps, size_t *nr)
{
	char apath[JPATH_MAX];
	struct json_object *arr;
	int ret;

	ret = member(c, lnx, "linux", key, json_type_array, OPTIONAL, &arr);
	if (ret <= 0)
		return ret;
	*maps = alloc_array(c, arr, "linux", key, sizeof(**maps), nr);
	if (!*maps)
		return -1;
	return each_object(c, arr, jkey(apath, "linux", key), *maps,
			   sizeof(**maps), parse_idmap, NULL);
}

/*
 * linux: devices, sysctl, paths
 */

static int parse_device_numbers(struct ctx *c, struct json_object *obj,
				const char *path, struct spec_device *dev)
{
	/* A FIFO has no device numbers; the others must have both. */
	const enum need need = dev->type == 'p' ? OPTIONAL : REQUIRED;
	int64_t major = 0, minor = 0;

	if (get_int(c, obj, path, "major", need, 0, UINT32_MAX, &major) < 0 ||
	    get_int(c, obj, path, "minor", need, 0, UINT32_MAX, &minor) < 0)
		return -1;
	dev->major = (unsigned int)major;
	dev->minor = (unsigned int)minor;
	return 0;
}

static int parse_device(struct ctx *c, struct json_object *obj,
			const char *path, void *elem, void *arg)
{
	struct spec_device *dev = elem;
	uint32_t mode = 0666, uid = 0, gid = 0;
	const char *type;

	(void)arg;
	if (get_string(c, obj, path, "path", REQUIRED, &dev->path) < 0 ||
	    get_cstr(c, obj, path, "type", REQUIRED, &type) < 0)
		return -1;
	if (dev->path[0] != '/')
		return fail(c, path, "path", "'%s' is not an absolute path",
			    dev->path);
	if (strlen(type) != 1 || !strchr("cbup", type[0]))
		return fail(c, path, "type",
			    "unknown device type '%s' (c, b, u or p)", type);
	dev->type = type[0];
	if (parse_device_numbers(c, obj, path, dev) ||
	    get_u32(c, obj, path, "fileMode", OPTIONAL, &mode) < 0 ||
	    get_u32(c, obj, path, "uid", OPTIONAL, &uid) < 0 ||
	    get_u32(c, obj, path, "gid", OPTIONAL, &gid) < 0)
		return -1;
	/* Some engines add the S_IFCHR bits; the type already says so. */
	if (mode & ~(S_IFMT | 07777))
		return fail(c, path, "fileMode", "%#o is not a file mode",
			    mode);
	dev->mode = mode & 07777;
	dev->uid = uid;
	dev->gid = gid;
	return 0;
}

static int parse_devices(struct ctx *c, struct json_object *lnx,
			 struct spec *spec)
{
	struct json_object *arr;
	int ret;

	ret = member(c, lnx, "linux", "devices", json_type_array, OPTIONAL,
		     &arr);
	if (ret <= 0)
		return ret;
	spec->devices = alloc_array(c, arr, "linux", "devices",
				    sizeof(*spec->devices), &spec->nr_devices);
	if (!spec->devices)
		return -1;
	return each_object(c, arr, "linux.devices", spec->devices,
			   sizeof(*spec->devices), parse_device, NULL);
}

static int add_sysctl(struct ctx *c, const char *path, const char *key,
		      const char *value, void *arg)
{
	struct spec *spec = arg;
	struct spec_sysctl *sysctl = &spec->sysctls[spec->nr_sysctls++];

	sysctl->key = strdup(key);
	sysctl->value = strdup(value);
	return sysctl->key && sysctl->value ? 0 : fail_nomem(c, path, NULL);
}

static int parse_sysctls(struct ctx *c, struct json_object *lnx,
			 struct spec *spec)
{
	struct json_object *obj;
	int ret;

	ret = member(c, lnx, "linux", "sysctl", json_type_object, OPTIONAL,
		     &obj);
	if (ret <= 0)
		return ret;
	spec->sysctls = calloc(json_object_object_length(obj) + 1,
			       sizeof(*spec->sysctls));
	if (!spec->sysctls)
		return fail_nomem(c, "linux", "sysctl");
	return each_string(c, obj, "linux.sysctl", add_sysctl, spec);
}

static int parse_rootfs_propagation(struct ctx *c, struct json_object *lnx,
				    struct spec *spec)
{
	unsigned long prop;

	if (get_string(c, lnx, "linux", "rootfsPropagation", OPTIONAL,
		       &spec->rootfs_propagation) < 0)
		return -1;
	if (spec->rootfs_propagation &&
	    !lookup(propagations, ARRAY_SIZE(propagations),
		    spec->rootfs_propagation, &prop))
		return fail(c, "linux", "rootfsPropagation",
			    "unknown propagation '%s'",
			    spec->rootfs_propagation);
	return 0;
}

/*
 * linux.resources
 */

static int parse_memory(struct ctx *c, struct json_object *res,
			struct spec_resources *r)
{
	const char *path = "linux.resources.memory";
	struct json_object *obj;
	int ret;

	ret = member(c, res, "linux.resources", "memory", json_type_object,
		     OPTIONAL, &obj);
	if (ret <= 0)
		return ret;
	/* -1 is "unlimited" in all three. */
	ret = get_int(c, obj, path, "limit", OPTIONAL, -1, INT64_MAX,
		      &r->memory_limit);
	r->has_memory_limit = ret > 0;
	if (ret >= 0)
		ret = get_int(c, obj, path, "reservation", OPTIONAL, -1,
			      INT64_MAX, &r->memory_reservation);
	r->has_memory_reservation = ret > 0;
	if (ret >= 0)
		ret = get_int(c, obj, path, "swap", OPTIONAL, -1, INT64_MAX,
			      &r->memory_swap);
	r->has_memory_swap = ret > 0;
	if (ret < 0)
		return -1;
	/* swap is memory plus swap, so it cannot be below the limit. */
	if (r->has_memory_swap && r->memory_swap != -1 &&
	    r->has_memory_limit && r->memory_limit != -1 &&
	    r->memory_swap < r->memory_limit)
		return fail(c, path, "swap",
			    "%lld is below the memory limit %lld",
			    (long long)r->memory_swap,
			    (long long)r->memory_limit);
	return 0;
}

static int parse_cpu(struct ctx *c, struct json_object *res,
		     struct spec_resources *r)
{
	const char *path = "linux.resources.cpu";
	struct json_object *obj;
	int ret;

	ret = member(c, res, "linux.resources", "cpu", json_type_object,
		     OPTIONAL, &obj);
	if (ret <= 0)
		return ret;
	ret = get_uint(c, obj, path, "shares", OPTIONAL, UINT64_MAX,
		       &r->cpu_shares);
	r->has_cpu_shares = ret > 0;
	if (ret >= 0)
		ret = get_int(c, obj, path, "quota", OPTIONAL, -1, INT64_MAX,
			      &r->cpu_quota);
	r->has_cpu_quota = ret > 0;
	if (ret >= 0)
		ret = get_uint(c, obj, path, "period", OPTIONAL, UINT64_MAX,
			       &r->cpu_period);
	r->has_cpu_period = ret > 0;
	if (ret < 0 ||
	    get_string(c, obj, path, "cpus", OPTIONAL, &r->cpu_cpus) < 0 ||
	    get_string(c, obj, path, "mems", OPTIONAL, &r->cpu_mems) < 0)
		return -1;
	return 0;
}

static int parse_pids(struct ctx *c, struct json_object *res,
		      struct spec_resources *r)
{
	struct json_object *obj;
	int ret;

	ret = member(c, res, "linux.resources", "pids", json_type_object,
		     OPTIONAL, &obj);
	if (ret <= 0)
		return ret;
	ret = get_int(c, obj, "linux.resources.pids", "limit", OPTIONAL, -1,
		      INT64_MAX, &r->pids_limit);
	r->has_pids_limit = ret > 0;
	return ret < 0 ? -1 : 0;
}

/*
 * The linux.resources members that are read but not applied; their JSON
 * type is still checked.
 * - devices: cgroup v2 has no devices.allow file, the rules would need an
 *   eBPF program.  Like runc, accept the rules; what the container can
 *   open is bounded by the nodes the runtime creates (linux.devices and
 *   the default set) and by mknod needing CAP_MKNOD.
 * - blockIO, hugepageLimits, rdma: controllers runsc-lite does not set up.
 * - network: classID and priorities exist only in cgroup v1.
 * - unified: raw cgroup v2 files; only memory, cpu and pids are written.
 */
static const struct {
	const char *key;
	enum json_type type;
} ignored_resources[] = {
	{ "devices", json_type_array },
	{ "blockIO", json_type_object },
	{ "hugepageLimits", json_type_array },
	{ "rdma", json_type_object },
	{ "network", json_type_object },
	{ "unified", json_type_object },
};

static int parse_resources(struct ctx *c, struct json_object *lnx,
			   struct spec *spec)
{
	struct json_object *res, *v;
	size_t i;
	int ret;

	ret = member(c, lnx, "linux", "resources", json_type_object, OPTIONAL,
		     &res);
	if (ret <= 0)
		return ret;
	for (i = 0; i < ARRAY_SIZE(ignored_resources); i++)
		if (member(c, res, "linux.resources", ignored_resources[i].key,
			   ignored_resources[i].type, OPTIONAL, &v) < 0)
			return -1;
	if (parse_memory(c, res, &spec->resources) ||
	    parse_cpu(c, res, &spec->resources) ||
	    parse_pids(c, res, &spec->resources))
		return -1;
	return 0;
}

int parse_linux(struct ctx *c, struct json_object *doc,
		struct spec *spec)
{
	struct json_object *lnx;
	int ret;

	ret = member(c, doc, "", "linux", json_type_object, OPTIONAL, &lnx);
	if (ret <= 0)
		return ret;
	/* linux.seccomp stays JSON, owned by the document, for policy.c. */
	if (parse_namespaces(c, lnx, spec) ||
	    parse_idmaps(c, lnx, "uidMappings", &spec->uid_mappings,
			 &spec->nr_uid_mappings) ||
	    parse_idmaps(c, lnx, "gidMappings", &spec->gid_mappings,
			 &spec->nr_gid_mappings) ||
	    parse_devices(c, lnx, spec) || parse_sysctls(c, lnx, spec) ||
	    get_paths(c, lnx, "linux", "maskedPaths", &spec->masked_paths) < 0 ||
	    get_paths(c, lnx, "linux", "readonlyPaths",
		      &spec->readonly_paths) < 0 ||
	    get_string(c, lnx, "linux", "cgroupsPath", OPTIONAL,
		       &spec->cgroups_path) < 0 ||
	    parse_rootfs_propagation(c, lnx, spec) ||
	    parse_resources(c, lnx, spec) ||
	    member(c, lnx, "linux", "seccomp", json_type_object, OPTIONAL,
		   &spec->seccomp) < 0)
		return -1;
	return 0;
}
