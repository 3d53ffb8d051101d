// SPDX-License-Identifier: GPL-2.0
/*
 * runsc-lite - tests of the config.json parser, run on the host
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Each test writes a bundle into a fresh mkdtemp() directory: the full
 * configuration below, patched through a JSON pointer for the failing
 * cases, so that each of them differs from a valid config in one place
 * and must be refused with the JSON path of that place.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <json-c/json.h>
#include <limits.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "../runtime.h"
#include "../spec.h"

/* Room for the bundle directory, and for a path or message inside it. */
#define DIR_LEN 128
#define PATH_LEN 512

/* Every section, with values that differ from the defaults. */
static const char full_config[] =
	"{\n"
	" \"ociVersion\": \"1.2.0\",\n"
	" \"process\": {\n"
	"  \"terminal\": true,\n"
	"  \"consoleSize\": { \"height\": 25, \"width\": 80 },\n"
	"  \"user\": {\n"
	"   \"uid\": 1000, \"gid\": 1000, \"umask\": 18,\n"
	"   \"additionalGids\": [5, 100]\n"
	"  },\n"
	"  \"args\": [\"/bin/sh\", \"-c\", \"echo hi\"],\n"
	"  \"env\": [\"PATH=/usr/bin:/bin\", \"TERM=xterm\", \"EMPTY=\"],\n"
	"  \"cwd\": \"/home/user\",\n"
	"  \"capabilities\": {\n"
	"   \"bounding\": [\"CAP_CHOWN\", \"CAP_KILL\",\n"
	"         \"CAP_CHECKPOINT_RESTORE\"],\n"
	"   \"effective\": [\"CAP_KILL\"],\n"
	"   \"inheritable\": [],\n"
	"   \"permitted\": [\"CAP_CHOWN\", \"CAP_KILL\"],\n"
	"   \"ambient\": [\"CAP_NET_BIND_SERVICE\"]\n"
	"  },\n"
	"  \"rlimits\": [\n"
	"   { \"type\": \"RLIMIT_NOFILE\", \"soft\": 1024, \"hard\": 4096 },\n"
	"   { \"type\": \"RLIMIT_CORE\",\n"
	"     \"soft\": 18446744073709551615,\n"
	"     \"hard\": 18446744073709551615 }\n"
	"  ],\n"
	"  \"noNewPrivileges\": true,\n"
	"  \"oomScoreAdj\": -500,\n"
	"  \"apparmorProfile\": \"docker-default\",\n"
	"  \"selinuxLabel\": \"system_u:system_r:container_t:s0\"\n"
	" },\n"
	" \"root\": { \"path\": \"rootfs\", \"readonly\": true },\n"
	" \"hostname\": \"box\",\n"
	" \"domainname\": \"example.org\",\n"
	" \"mounts\": [\n"
	"  { \"destination\": \"/proc\", \"type\": \"proc\",\n"
	"    \"source\": \"proc\" },\n"
	"  { \"destination\": \"/dev\", \"type\": \"tmpfs\",\n"
	"    \"source\": \"tmpfs\",\n"
	"    \"options\": [\"nosuid\", \"strictatime\", \"mode=755\",\n"
	"         \"size=65536k\"] },\n"
	"  { \"destination\": \"/data\", \"type\": \"bind\",\n"
	"    \"source\": \"/srv/data\",\n"
	"    \"options\": [\"rbind\", \"ro\", \"rslave\"] },\n"
	"  { \"destination\": \"/mnt\", \"type\": \"ext4\",\n"
	"    \"source\": \"/dev/sdb1\",\n"
	"    \"options\": [\"rw\", \"suid\", \"dev\", \"exec\", \"async\",\n"
	"         \"atime\", \"noexec\", \"user_xattr\"] }\n"
	" ],\n"
	" \"hooks\": {\n"
	"  \"prestart\": [\n"
	"   { \"path\": \"/usr/bin/setup\", \"args\": [\"setup\", \"-v\"],\n"
	"     \"env\": [\"A=1\"], \"timeout\": 5 }\n"
	"  ],\n"
	"  \"poststop\": [{ \"path\": \"/usr/bin/cleanup\" }]\n"
	" },\n"
	" \"annotations\": {\n"
	"  \"org.example.key\": \"value\",\n"
	"  \"ksentry.policy\": \"policy.json\",\n"
	"  \"ksentry.emulate\": \"proc\",\n"
	"  \"ksentry.trace\": \"deny\"\n"
	" },\n"
	" \"linux\": {\n"
	"  \"namespaces\": [\n"
	"   { \"type\": \"pid\" },\n"
	"   { \"type\": \"network\", \"path\": \"/proc/1/ns/net\" },\n"
	"   { \"type\": \"ipc\" },\n"
	"   { \"type\": \"uts\" },\n"
	"   { \"type\": \"mount\" },\n"
	"   { \"type\": \"user\" },\n"
	"   { \"type\": \"cgroup\" }\n"
	"  ],\n"
	"  \"uidMappings\": [\n"
	"   { \"containerID\": 0, \"hostID\": 100000, \"size\": 65536 }\n"
	"  ],\n"
	"  \"gidMappings\": [\n"
	"   { \"containerID\": 0, \"hostID\": 100000, \"size\": 65536 }\n"
	"  ],\n"
	"  \"devices\": [\n"
	"   { \"path\": \"/dev/fuse\", \"type\": \"c\", \"major\": 10,\n"
	"     \"minor\": 229, \"fileMode\": 8630, \"uid\": 0, \"gid\": 0 },\n"
	"   { \"path\": \"/dev/fifo\", \"type\": \"p\" }\n"
	"  ],\n"
	"  \"sysctl\": {\n"
	"   \"net.ipv4.ip_forward\": \"1\",\n"
	"   \"kernel.shmmax\": \"65536\"\n"
	"  },\n"
	"  \"maskedPaths\": [\"/proc/kcore\", \"/proc/keys\"],\n"
	"  \"readonlyPaths\": [\"/proc/sys\"],\n"
	"  \"cgroupsPath\": \"/runsc-lite/box\",\n"
	"  \"rootfsPropagation\": \"rslave\",\n"
	"  \"resources\": {\n"
	"   \"devices\": [{ \"allow\": false, \"access\": \"rwm\" }],\n"
	"   \"memory\": { \"limit\": 536870912,\n"
	"        \"reservation\": 268435456,\n"
	"        \"swap\": 1073741824 },\n"
	"   \"cpu\": { \"shares\": 1024, \"quota\": 50000,\n"
	"     \"period\": 100000, \"cpus\": \"0-1\", \"mems\": \"0\" },\n"
	"   \"pids\": { \"limit\": 100 },\n"
	"   \"unified\": { \"io.weight\": \"100\" },\n"
	"   \"blockIO\": { \"weight\": 10 }\n"
	"  },\n"
	"  \"seccomp\": {\n"
	"   \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
	"   \"syscalls\": [\n"
	"    { \"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\" }\n"
	"   ]\n"
	"  }\n"
	" }\n"
	"}\n";

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	return remove(path);
}

static void make_bundle(struct __test_metadata *_metadata, char *dir)
{
	const char *tmp = getenv("TMPDIR");
	char rootfs[PATH_LEN];

	ASSERT_GT(DIR_LEN, snprintf(dir, DIR_LEN, "%s/spec_test.XXXXXX",
				    tmp ? tmp : "/tmp"));
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(rootfs, sizeof(rootfs), "%s/rootfs", dir);
	ASSERT_EQ(0, mkdir(rootfs, 0755));
}

static int write_file(const char *dir, const char *name, const char *text,
		      size_t len)
{
	char path[PATH_LEN];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	ok = write(fd, text, len) == (ssize_t)len;
	return close(fd) || !ok ? -1 : 0;
}

static int write_named(const char *dir, const char *name, const char *text)
{
	return write_file(dir, name, text, strlen(text));
}

static int write_text(const char *dir, const char *text)
{
	return write_named(dir, "config.json", text);
}

static int write_doc(const char *dir, struct json_object *doc)
{
	return write_text(dir, json_object_to_json_string_ext(doc,
					JSON_C_TO_STRING_PRETTY));
}

/* Drop the member or element at JSON pointer @pointer. */
static int drop(struct json_object *doc, const char *pointer)
{
	const char *last = strrchr(pointer, '/');
	struct json_object *parent;
	char up[256];

	snprintf(up, sizeof(up), "%.*s", (int)(last - pointer), pointer);
	if (json_pointer_get(doc, up, &parent))
		return -1;
	if (json_object_is_type(parent, json_type_array))
		return json_object_array_del_idx(parent, atoi(last + 1), 1);
	json_object_object_del(parent, last + 1);
	return 0;
}

/* Set @pointer of @doc to the JSON text @value, or drop it for NULL. */
static int patch(struct json_object **doc, const char *pointer,
		 const char *value)
{
	if (!value)
		return drop(*doc, pointer);
	return json_pointer_set(doc, pointer, json_tokener_parse(value));
}

/* The full config patched at @pointer, written into @dir. */
static int write_patched(const char *dir, const char *pointer,
			 const char *value)
{
	struct json_object *doc = json_tokener_parse(full_config);
	int ret = -1;

	if (doc && (!pointer || !patch(&doc, pointer, value)))
		ret = write_doc(dir, doc);
	json_object_put(doc);
	return ret;
}

FIXTURE(bundle) {
	char dir[DIR_LEN];
};

FIXTURE_SETUP(bundle)
{
	make_bundle(_metadata, self->dir);
}

FIXTURE_TEARDOWN(bundle)
{
	nftw(self->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Load @dir, failing the test with the parser's reason if it fails. */
static struct spec *load(struct __test_metadata *_metadata, const char *dir)
{
	char err[512] = "";
	struct spec *spec;

	spec = spec_load(dir, err, sizeof(err));
	ASSERT_NE(NULL, spec)
	{
		TH_LOG("spec_load: %s", err);
	}
	return spec;
}

TEST_F(bundle, full_process)
{
	const uint64_t bounding = 1ULL << CAP_CHOWN | 1ULL << CAP_KILL |
				  1ULL << CAP_CHECKPOINT_RESTORE;
	const struct spec_process *p;
	struct spec *spec;

	ASSERT_EQ(0, write_patched(self->dir, NULL, NULL));
	spec = load(_metadata, self->dir);
	p = &spec->process;
	EXPECT_STREQ("1.2.0", spec->oci_version);
	ASSERT_NE(NULL, p->args[2]);
	EXPECT_STREQ("/bin/sh", p->args[0]);
	EXPECT_STREQ("echo hi", p->args[2]);
	EXPECT_EQ(NULL, p->args[3]);
	EXPECT_STREQ("EMPTY=", p->env[2]);
	EXPECT_EQ(NULL, p->env[3]);
	EXPECT_STREQ("/home/user", p->cwd);
	EXPECT_EQ(1000, p->user.uid);
	EXPECT_EQ(1000, p->user.gid);
	EXPECT_TRUE(p->user.has_umask);
	EXPECT_EQ(022, p->user.umask);
	ASSERT_EQ(2, p->user.nr_gids);
	EXPECT_EQ(5, p->user.gids[0]);
	EXPECT_EQ(100, p->user.gids[1]);
	EXPECT_TRUE(p->terminal);
	EXPECT_EQ(25, p->console.height);
	EXPECT_EQ(80, p->console.width);
	EXPECT_TRUE(p->no_new_privileges);
	EXPECT_TRUE(p->has_oom_score_adj);
	EXPECT_EQ(-500, p->oom_score_adj);
	EXPECT_STREQ("docker-default", p->apparmor_profile);
	EXPECT_STREQ("system_u:system_r:container_t:s0", p->selinux_label);

	EXPECT_TRUE(p->has_caps);
	EXPECT_EQ(bounding, p->caps.bounding);
	EXPECT_EQ(1ULL << CAP_KILL, p->caps.effective);
	EXPECT_EQ(0, p->caps.inheritable);
	EXPECT_EQ(1ULL << CAP_CHOWN | 1ULL << CAP_KILL, p->caps.permitted);
	EXPECT_EQ(1ULL << CAP_NET_BIND_SERVICE, p->caps.ambient);

	/* Values above INT64_MAX come through exactly. */
	ASSERT_EQ(2, p->nr_rlimits);
	EXPECT_EQ(RLIMIT_NOFILE, p->rlimits[0].resource);
	EXPECT_EQ(1024, p->rlimits[0].soft);
	EXPECT_EQ(4096, p->rlimits[0].hard);
	EXPECT_EQ(RLIMIT_CORE, p->rlimits[1].resource);
	EXPECT_EQ(UINT64_MAX, p->rlimits[1].soft);
	EXPECT_EQ(UINT64_MAX, p->rlimits[1].hard);
	spec_free(spec);
}

TEST_F(bundle, full_root_and_mounts)
{
	const struct spec_mount *m;
	char path[PATH_LEN];
	struct spec *spec;

	ASSERT_EQ(0, write_patched(self->dir, NULL, NULL));
	spec = load(_metadata, self->dir);
	snprintf(path, sizeof(path), "%s/rootfs", self->dir);
	EXPECT_STREQ(path, spec->root_path);
	EXPECT_TRUE(spec->root_readonly);
	EXPECT_STREQ("box", spec->hostname);
	EXPECT_STREQ("example.org", spec->domainname);
	ASSERT_EQ(4, spec->nr_mounts);

	m = &spec->mounts[0];
	EXPECT_STREQ("/proc", m->destination);
	EXPECT_STREQ("proc", m->type);
	EXPECT_STREQ("proc", m->source);
	EXPECT_EQ(NULL, m->options);
	EXPECT_EQ(0, m->flags);
	EXPECT_EQ(NULL, m->data);

	m = &spec->mounts[1];
	EXPECT_EQ(MS_NOSUID | MS_STRICTATIME, m->flags);
	EXPECT_EQ(0, m->clear);
	EXPECT_STREQ("mode=755,size=65536k", m->data);
	EXPECT_STREQ("strictatime", m->options[1]);

	/* type "bind" and "rbind" both make a bind mount. */
	m = &spec->mounts[2];
	EXPECT_TRUE(m->bind);
	EXPECT_TRUE(m->recursive);
	EXPECT_EQ(MS_BIND | MS_REC | MS_RDONLY, m->flags);
	EXPECT_EQ(MS_SLAVE | MS_REC, m->propagation);
	EXPECT_EQ(NULL, m->data);

	/* What "rw", "suid"... clear; a later option overrides them. */
	m = &spec->mounts[3];
	EXPECT_FALSE(m->bind);
	EXPECT_EQ(MS_NOEXEC, m->flags);
	EXPECT_EQ(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_SYNCHRONOUS |
		  MS_NOATIME, m->clear);
	EXPECT_EQ(0, m->propagation);
	EXPECT_STREQ("user_xattr", m->data);
	spec_free(spec);
}

TEST_F(bundle, full_linux)
{
	const struct spec_resources *r;
	struct json_object *action;
	struct spec *spec;

	ASSERT_EQ(0, write_patched(self->dir, NULL, NULL));
	spec = load(_metadata, self->dir);
	ASSERT_EQ(7, spec->nr_namespaces);
	EXPECT_EQ(CLONE_NEWPID, spec->namespaces[0].type);
	EXPECT_EQ(NULL, spec->namespaces[0].path);
	EXPECT_EQ(CLONE_NEWNET, spec->namespaces[1].type);
	EXPECT_STREQ("/proc/1/ns/net", spec->namespaces[1].path);
	EXPECT_EQ(CLONE_NEWCGROUP, spec->namespaces[6].type);
	ASSERT_NE(NULL, spec_namespace(spec, CLONE_NEWUSER));
	EXPECT_EQ(&spec->namespaces[5], spec_namespace(spec, CLONE_NEWUSER));

	ASSERT_EQ(1, spec->nr_uid_mappings);
	EXPECT_EQ(0, spec->uid_mappings[0].container_id);
	EXPECT_EQ(100000, spec->uid_mappings[0].host_id);
	EXPECT_EQ(65536, spec->uid_mappings[0].size);
	ASSERT_EQ(1, spec->nr_gid_mappings);

	/* fileMode 8630 is S_IFCHR | 0666: the type bits are dropped. */
	ASSERT_EQ(2, spec->nr_devices);
	EXPECT_STREQ("/dev/fuse", spec->devices[0].path);
	EXPECT_EQ('c', spec->devices[0].type);
	EXPECT_EQ(10, spec->devices[0].major);
	EXPECT_EQ(229, spec->devices[0].minor);
	EXPECT_EQ(0666, spec->devices[0].mode);
	EXPECT_EQ('p', spec->devices[1].type);
	EXPECT_EQ(0666, spec->devices[1].mode);

	ASSERT_EQ(2, spec->nr_sysctls);
	EXPECT_STREQ("net.ipv4.ip_forward", spec->sysctls[0].key);
	EXPECT_STREQ("1", spec->sysctls[0].value);
	EXPECT_STREQ("/proc/keys", spec->masked_paths[1]);
	EXPECT_EQ(NULL, spec->masked_paths[2]);
	EXPECT_STREQ("/proc/sys", spec->readonly_paths[0]);
	EXPECT_STREQ("/runsc-lite/box", spec->cgroups_path);
	EXPECT_STREQ("rslave", spec->rootfs_propagation);

	r = &spec->resources;
	EXPECT_TRUE(r->has_memory_limit);
	EXPECT_EQ(536870912, r->memory_limit);
	EXPECT_EQ(268435456, r->memory_reservation);
	EXPECT_EQ(1073741824, r->memory_swap);
	EXPECT_EQ(1024, r->cpu_shares);
	EXPECT_EQ(50000, r->cpu_quota);
	EXPECT_EQ(100000, r->cpu_period);
	EXPECT_STREQ("0-1", r->cpu_cpus);
	EXPECT_STREQ("0", r->cpu_mems);
	EXPECT_TRUE(r->has_pids_limit);
	EXPECT_EQ(100, r->pids_limit);

	ASSERT_NE(NULL, spec->seccomp);
	action = json_object_object_get(spec->seccomp, "defaultAction");
	EXPECT_STREQ("SCMP_ACT_ERRNO", json_object_get_string(action));
	spec_free(spec);
}

TEST_F(bundle, full_hooks_and_annotations)
{
	const struct spec_hook *hook;
	char path[PATH_LEN];
	struct spec *spec;

	ASSERT_EQ(0, write_patched(self->dir, NULL, NULL));
	spec = load(_metadata, self->dir);
	ASSERT_EQ(1, spec->nr_hooks[HOOK_PRESTART]);
	hook = &spec->hooks[HOOK_PRESTART][0];
	EXPECT_STREQ("/usr/bin/setup", hook->path);
	EXPECT_STREQ("-v", hook->args[1]);
	EXPECT_STREQ("A=1", hook->env[0]);
	EXPECT_EQ(5, hook->timeout);
	ASSERT_EQ(1, spec->nr_hooks[HOOK_POSTSTOP]);
	EXPECT_EQ(0, spec->hooks[HOOK_POSTSTOP][0].timeout);
	EXPECT_EQ(NULL, spec->hooks[HOOK_POSTSTOP][0].args);
	EXPECT_EQ(0, spec->nr_hooks[HOOK_CREATE_RUNTIME]);

	/* Every annotation is kept, ours are read as well. */
	EXPECT_STREQ("org.example.key", spec->annotation_keys[0]);
	EXPECT_STREQ("value", spec->annotation_values[0]);
	EXPECT_STREQ("ksentry.trace", spec->annotation_keys[3]);
	EXPECT_EQ(NULL, spec->annotation_keys[4]);
	snprintf(path, sizeof(path), "%s/policy.json", self->dir);
	EXPECT_STREQ(path, spec->ksentry.policy_file);
	EXPECT_STREQ("proc", spec->ksentry.emulate);
	EXPECT_STREQ("deny", spec->ksentry.trace);
	EXPECT_FALSE(spec->ksentry.unsandboxed);
	spec_free(spec);
}

TEST_F(bundle, minimal)
{
	struct spec *spec;

	ASSERT_EQ(0, write_text(self->dir,
				"{\"ociVersion\": \"1.0.0\",\n"
				" \"root\": {\"path\": \"rootfs/\"},\n"
				" \"process\": {\"args\": [\"sh\"],\n"
				"  \"cwd\": \"/\"}}\n"));
	spec = load(_metadata, self->dir);
	EXPECT_FALSE(spec->root_readonly);
	EXPECT_EQ(NULL, spec->hostname);
	EXPECT_EQ(NULL, spec->process.env);
	EXPECT_EQ(0, spec->process.user.uid);
	EXPECT_FALSE(spec->process.user.has_umask);
	EXPECT_FALSE(spec->process.has_caps);
	EXPECT_FALSE(spec->process.has_oom_score_adj);
	EXPECT_EQ(0, spec->nr_mounts);
	EXPECT_EQ(0, spec->nr_namespaces);
	EXPECT_EQ(NULL, spec_namespace(spec, CLONE_NEWPID));
	EXPECT_FALSE(spec->resources.has_memory_limit);
	EXPECT_EQ(NULL, spec->seccomp);
	EXPECT_EQ(NULL, spec->annotation_keys[0]);
	EXPECT_EQ(NULL, spec->ksentry.policy_file);
	EXPECT_STREQ("deny", spec->ksentry.trace);
	spec_free(spec);
}

TEST_F(bundle, newer_version_accepted)
{
	static const char *const versions[] = {
		"1.2.1", "1.3.0", "1.3.0-rc.1", "1.2.0+dev", "2.0.0",
	};
	struct spec *spec;
	char value[32];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(versions); i++) {
		snprintf(value, sizeof(value), "\"%s\"", versions[i]);
		ASSERT_EQ(0, write_patched(self->dir, "/ociVersion", value));
		spec = load(_metadata, self->dir);
		EXPECT_STREQ(versions[i], spec->oci_version);
		spec_free(spec);
	}
}

/* Unknown fields are the spec's extension point: they are ignored. */
TEST_F(bundle, unknown_fields_ignored)
{
	struct json_object *doc = json_tokener_parse(full_config);
	struct spec *spec;

	ASSERT_NE(NULL, doc);
	ASSERT_EQ(0, patch(&doc, "/futureField", "[1, 2]"));
	ASSERT_EQ(0, patch(&doc, "/linux/intelRdt", "{\"closID\": \"x\"}"));
	ASSERT_EQ(0, patch(&doc, "/process/user/username", "\"nobody\""));
	ASSERT_EQ(0, patch(&doc, "/linux/personality", "{}"));
	ASSERT_EQ(0, write_doc(self->dir, doc));
	json_object_put(doc);
	spec = load(_metadata, self->dir);
	spec_free(spec);
}

/* null reads as absent, as in the Go engines. */
TEST_F(bundle, null_is_absent)
{
	struct json_object *doc = json_tokener_parse(full_config);
	struct spec *spec;

	ASSERT_NE(NULL, doc);
	ASSERT_EQ(0, patch(&doc, "/hostname", "null"));
	ASSERT_EQ(0, patch(&doc, "/linux/seccomp", "null"));
	ASSERT_EQ(0, write_doc(self->dir, doc));
	json_object_put(doc);
	spec = load(_metadata, self->dir);
	EXPECT_EQ(NULL, spec->hostname);
	EXPECT_EQ(NULL, spec->seccomp);
	spec_free(spec);
}

/* Joining a user namespace: its mappings are not ours to check. */
TEST_F(bundle, joined_userns_skips_mapping_check)
{
	struct json_object *doc = json_tokener_parse(full_config);
	struct spec *spec;

	ASSERT_NE(NULL, doc);
	ASSERT_EQ(0, patch(&doc, "/linux/namespaces/5/path",
			   "\"/proc/1/ns/user\""));
	ASSERT_EQ(0, patch(&doc, "/process/user/uid", "70000"));
	ASSERT_EQ(0, write_doc(self->dir, doc));
	json_object_put(doc);
	spec = load(_metadata, self->dir);
	EXPECT_EQ(70000, spec->process.user.uid);
	spec_free(spec);
}

TEST_F(bundle, sandbox_none)
{
	struct spec *spec;

	ASSERT_EQ(0, write_patched(self->dir, "/annotations/ksentry.sandbox",
				   "\"none\""));
	spec = load(_metadata, self->dir);
	EXPECT_TRUE(spec->ksentry.unsandboxed);
	spec_free(spec);
}

static void expect_error(struct __test_metadata *_metadata, const char *dir,
			 const char *expected)
{
	char err[512] = "";
	struct spec *spec;

	spec = spec_load(dir, err, sizeof(err));
	EXPECT_EQ(NULL, spec);
	spec_free(spec);
	EXPECT_STREQ(expected, err);
}

TEST_F(bundle, missing_config)
{
	expect_error(_metadata, self->dir,
		     "config.json: No such file or directory");
}

TEST_F(bundle, unreadable_config)
{
	char path[PATH_LEN];

	if (!geteuid())
		SKIP(return, "root reads files whatever their mode");
	ASSERT_EQ(0, write_patched(self->dir, NULL, NULL));
	snprintf(path, sizeof(path), "%s/config.json", self->dir);
	ASSERT_EQ(0, chmod(path, 0));
	expect_error(_metadata, self->dir, "config.json: Permission denied");
}

TEST_F(bundle, malformed_json)
{
	ASSERT_EQ(0, write_text(self->dir,
				"{\n"
				" \"ociVersion\": \"1.2.0\",\n"
				"  \"r\":x\n"
				"}\n"));
	expect_error(_metadata, self->dir,
		     "config.json: malformed JSON at line 3, column 7: unexpected character");
}

TEST_F(bundle, trailing_comma)
{
	ASSERT_EQ(0, write_text(self->dir, "{\"ociVersion\": \"1.2.0\",}"));
	expect_error(_metadata, self->dir,
		     "config.json: malformed JSON at line 1, column 24: unexpected character");
}

TEST_F(bundle, truncated_json)
{
	ASSERT_EQ(0, write_text(self->dir,
				"{\n"
				" \"ociVersion\": \"1.2.0\",\n"
				" \"root\": {"));
	expect_error(_metadata, self->dir,
		     "config.json: malformed JSON at line 3, column 11: unexpected end of data");
}

/* Cut the full config anywhere: always malformed, never a crash. */
TEST_F(bundle, truncated_anywhere)
{
	const size_t len = strlen(full_config);
	char expected[128];
	unsigned int line;
	size_t cut, i, start;

	for (cut = 0; cut < len - 2; cut += 7) {
		ASSERT_EQ(0, write_file(self->dir, "config.json", full_config,
					cut));
		for (line = 1, start = 0, i = 0; i < cut; i++)
			if (full_config[i] == '\n') {
				line++;
				start = i + 1;
			}
		snprintf(expected, sizeof(expected),
			 "config.json: malformed JSON at line %u, column %zu: unexpected end of data",
			 line, cut - start + 1);
		expect_error(_metadata, self->dir, expected);
	}
}

TEST_F(bundle, empty_file)
{
	ASSERT_EQ(0, write_text(self->dir, ""));
	expect_error(_metadata, self->dir,
		     "config.json: malformed JSON at line 1, column 1: unexpected end of data");
}

TEST_F(bundle, data_after_document)
{
	ASSERT_EQ(0, write_text(self->dir, "{}\n{}\n"));
	expect_error(_metadata, self->dir,
		     "config.json: malformed JSON at line 2, column 1: unexpected character");
}

TEST_F(bundle, not_an_object)
{
	ASSERT_EQ(0, write_text(self->dir, "[]"));
	expect_error(_metadata, self->dir, "config.json: not a JSON object");
}

/*
 * The failing cases: each patches one place of the full config and names
 * the error it must give; "%s" in it is the bundle directory.
 */
FIXTURE(bad) {
	char dir[DIR_LEN];
};

FIXTURE_VARIANT(bad) {
	const char *pointer;
	const char *value;	/* JSON text; NULL drops the member */
	const char *error;
};

FIXTURE_SETUP(bad)
{
	make_bundle(_metadata, self->dir);
}

FIXTURE_TEARDOWN(bad)
{
	nftw(self->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Values of the wrong JSON type. */
FIXTURE_VARIANT_ADD(bad, uid_string) {
	.pointer = "/process/user/uid",
	.value = "\"0\"",
	.error = "process.user.uid: not a number",
};

FIXTURE_VARIANT_ADD(bad, uid_double) {
	.pointer = "/process/user/uid",
	.value = "1.5",
	.error = "process.user.uid: not an integer",
};

FIXTURE_VARIANT_ADD(bad, uid_too_big) {
	.pointer = "/process/user/uid",
	.value = "4294967296",
	.error =
		"process.user.uid: 4294967296 is out of range (0 to 4294967295)",
};

FIXTURE_VARIANT_ADD(bad, uid_negative) {
	.pointer = "/process/user/uid",
	.value = "-1",
	.error = "process.user.uid: -1 is out of range (0 to 4294967295)",
};

FIXTURE_VARIANT_ADD(bad, args_string) {
	.pointer = "/process/args",
	.value = "\"sh\"",
	.error = "process.args: not an array",
};

FIXTURE_VARIANT_ADD(bad, args_element) {
	.pointer = "/process/args/1",
	.value = "7",
	.error = "process.args[1]: not a string",
};

FIXTURE_VARIANT_ADD(bad, terminal_string) {
	.pointer = "/process/terminal",
	.value = "\"yes\"",
	.error = "process.terminal: not a boolean",
};

FIXTURE_VARIANT_ADD(bad, process_array) {
	.pointer = "/process",
	.value = "[]",
	.error = "process: not an object",
};

FIXTURE_VARIANT_ADD(bad, hostname_number) {
	.pointer = "/hostname",
	.value = "7",
	.error = "hostname: not a string",
};

FIXTURE_VARIANT_ADD(bad, options_string) {
	.pointer = "/mounts/1/options",
	.value = "\"ro\"",
	.error = "mounts[1].options: not an array",
};

FIXTURE_VARIANT_ADD(bad, mount_string) {
	.pointer = "/mounts/2",
	.value = "\"/data\"",
	.error = "mounts[2]: not an object",
};

FIXTURE_VARIANT_ADD(bad, namespaces_object) {
	.pointer = "/linux/namespaces",
	.value = "{}",
	.error = "linux.namespaces: not an array",
};

FIXTURE_VARIANT_ADD(bad, linux_array) {
	.pointer = "/linux",
	.value = "[]",
	.error = "linux: not an object",
};

FIXTURE_VARIANT_ADD(bad, sysctl_number) {
	.pointer = "/linux/sysctl/net.ipv4.ip_forward",
	.value = "1",
	.error = "linux.sysctl.net.ipv4.ip_forward: not a string",
};

FIXTURE_VARIANT_ADD(bad, annotation_number) {
	.pointer = "/annotations/org.example.key",
	.value = "1",
	.error = "annotations.org.example.key: not a string",
};

FIXTURE_VARIANT_ADD(bad, devices_rules_object) {
	.pointer = "/linux/resources/devices",
	.value = "{}",
	.error = "linux.resources.devices: not an array",
};

FIXTURE_VARIANT_ADD(bad, unified_array) {
	.pointer = "/linux/resources/unified",
	.value = "[]",
	.error = "linux.resources.unified: not an object",
};

FIXTURE_VARIANT_ADD(bad, seccomp_array) {
	.pointer = "/linux/seccomp",
	.value = "[]",
	.error = "linux.seccomp: not an object",
};

FIXTURE_VARIANT_ADD(bad, hooks_array) {
	.pointer = "/hooks",
	.value = "[]",
	.error = "hooks: not an object",
};

FIXTURE_VARIANT_ADD(bad, timeout_string) {
	.pointer = "/hooks/prestart/0/timeout",
	.value = "\"5\"",
	.error = "hooks.prestart[0].timeout: not a number",
};

FIXTURE_VARIANT_ADD(bad, nul_byte) {
	.pointer = "/process/args/0",
	.value = "\"/bin/\\u0000sh\"",
	.error = "process.args[0]: contains a NUL byte",
};

/* Missing what is required. */
FIXTURE_VARIANT_ADD(bad, no_version) {
	.pointer = "/ociVersion",
	.value = NULL,
	.error = "ociVersion: missing",
};

FIXTURE_VARIANT_ADD(bad, no_root) {
	.pointer = "/root",
	.value = NULL,
	.error = "root: missing",
};

FIXTURE_VARIANT_ADD(bad, no_root_path) {
	.pointer = "/root/path",
	.value = NULL,
	.error = "root.path: missing",
};

FIXTURE_VARIANT_ADD(bad, no_process) {
	.pointer = "/process",
	.value = NULL,
	.error = "process: missing",
};

FIXTURE_VARIANT_ADD(bad, no_args) {
	.pointer = "/process/args",
	.value = NULL,
	.error = "process.args: missing",
};

FIXTURE_VARIANT_ADD(bad, no_cwd) {
	.pointer = "/process/cwd",
	.value = NULL,
	.error = "process.cwd: missing",
};

FIXTURE_VARIANT_ADD(bad, no_rlimit_hard) {
	.pointer = "/process/rlimits/0/hard",
	.value = NULL,
	.error = "process.rlimits[0].hard: missing",
};

FIXTURE_VARIANT_ADD(bad, no_major) {
	.pointer = "/linux/devices/0/major",
	.value = NULL,
	.error = "linux.devices[0].major: missing",
};

FIXTURE_VARIANT_ADD(bad, no_destination) {
	.pointer = "/mounts/0/destination",
	.value = NULL,
	.error = "mounts[0].destination: missing",
};

FIXTURE_VARIANT_ADD(bad, no_hook_path) {
	.pointer = "/hooks/poststop/0/path",
	.value = NULL,
	.error = "hooks.poststop[0].path: missing",
};

/* Values the runtime must refuse. */
FIXTURE_VARIANT_ADD(bad, version_garbage) {
	.pointer = "/ociVersion",
	.value = "\"latest\"",
	.error = "ociVersion: 'latest' is not a version (MAJOR.MINOR.PATCH)",
};

FIXTURE_VARIANT_ADD(bad, version_old) {
	.pointer = "/ociVersion",
	.value = "\"0.5.0\"",
	.error = "ociVersion: 0.5.0 is older than 1.0.0",
};

FIXTURE_VARIANT_ADD(bad, rootfs_missing) {
	.pointer = "/root/path",
	.value = "\"nope\"",
	.error = "root.path: %s/nope: No such file or directory",
};

FIXTURE_VARIANT_ADD(bad, rootfs_not_dir) {
	.pointer = "/root/path",
	.value = "\"config.json\"",
	.error = "root.path: %s/config.json: Not a directory",
};

FIXTURE_VARIANT_ADD(bad, args_empty) {
	.pointer = "/process/args",
	.value = "[]",
	.error = "process.args: empty: the process needs a program",
};

FIXTURE_VARIANT_ADD(bad, env_no_equals) {
	.pointer = "/process/env/1",
	.value = "\"TERM\"",
	.error = "process.env[1]: 'TERM' is not KEY=VALUE",
};

FIXTURE_VARIANT_ADD(bad, cwd_relative) {
	.pointer = "/process/cwd",
	.value = "\"home/user\"",
	.error = "process.cwd: 'home/user' is not an absolute path",
};

FIXTURE_VARIANT_ADD(bad, umask_bits) {
	.pointer = "/process/user/umask",
	.value = "512",
	.error = "process.user.umask: 01000 is not a permission mask",
};

FIXTURE_VARIANT_ADD(bad, console_too_tall) {
	.pointer = "/process/consoleSize/height",
	.value = "70000",
	.error =
		"process.consoleSize.height: 70000 is out of range (0 to 65535)",
};

FIXTURE_VARIANT_ADD(bad, oom_range) {
	.pointer = "/process/oomScoreAdj",
	.value = "-1001",
	.error = "process.oomScoreAdj: -1001 is out of range (-1000 to 1000)",
};

FIXTURE_VARIANT_ADD(bad, rlimit_unknown) {
	.pointer = "/process/rlimits/0/type",
	.value = "\"RLIMIT_FOO\"",
	.error = "process.rlimits[0].type: unknown rlimit 'RLIMIT_FOO'",
};

FIXTURE_VARIANT_ADD(bad, rlimit_duplicate) {
	.pointer = "/process/rlimits/1/type",
	.value = "\"RLIMIT_NOFILE\"",
	.error = "process.rlimits[1].type: duplicate rlimit 'RLIMIT_NOFILE'",
};

FIXTURE_VARIANT_ADD(bad, rlimit_soft_above_hard) {
	.pointer = "/process/rlimits/0/soft",
	.value = "8192",
	.error = "process.rlimits[0].soft: 8192 is above the hard limit 4096",
};

FIXTURE_VARIANT_ADD(bad, rlimit_negative) {
	.pointer = "/process/rlimits/0/hard",
	.value = "-1",
	.error =
		"process.rlimits[0].hard: -1 is out of range (0 to 18446744073709551615)",
};

FIXTURE_VARIANT_ADD(bad, cap_unknown) {
	.pointer = "/process/capabilities/bounding/1",
	.value = "\"CAP_FOO\"",
	.error =
		"process.capabilities.bounding[1]: unknown capability 'CAP_FOO'",
};

FIXTURE_VARIANT_ADD(bad, cap_no_prefix) {
	.pointer = "/process/capabilities/ambient/0",
	.value = "\"NET_BIND_SERVICE\"",
	.error =
		"process.capabilities.ambient[0]: unknown capability 'NET_BIND_SERVICE'",
};

FIXTURE_VARIANT_ADD(bad, mount_relative) {
	.pointer = "/mounts/0/destination",
	.value = "\"proc\"",
	.error = "mounts[0].destination: 'proc' is not an absolute path",
};

FIXTURE_VARIANT_ADD(bad, mount_tmpcopyup) {
	.pointer = "/mounts/1/options/0",
	.value = "\"tmpcopyup\"",
	.error =
		"mounts[1].options[0]: 'tmpcopyup' is not supported (copying a directory up into a tmpfs)",
};

FIXTURE_VARIANT_ADD(bad, mount_idmap) {
	.pointer = "/mounts/2/options/0",
	.value = "\"idmap\"",
	.error =
		"mounts[2].options[0]: 'idmap' is not supported (idmapped mounts)",
};

FIXTURE_VARIANT_ADD(bad, mount_rro) {
	.pointer = "/mounts/2/options/1",
	.value = "\"rro\"",
	.error =
		"mounts[2].options[1]: 'rro' is not supported (recursive mount attributes)",
};

FIXTURE_VARIANT_ADD(bad, mount_idmapped) {
	.pointer = "/mounts/2/uidMappings",
	.value = "[{\"containerID\": 0, \"hostID\": 1, \"size\": 1}]",
	.error = "mounts[2].uidMappings: not supported (idmapped mounts)",
};

FIXTURE_VARIANT_ADD(bad, mount_propagations) {
	.pointer = "/mounts/2/options/0",
	.value = "\"shared\"",
	.error =
		"mounts[2].options[2]: 'rslave' conflicts with an earlier propagation option",
};

FIXTURE_VARIANT_ADD(bad, ns_unknown) {
	.pointer = "/linux/namespaces/2/type",
	.value = "\"foo\"",
	.error = "linux.namespaces[2].type: unknown namespace type 'foo'",
};

/* A time namespace only takes effect for children: runsc-lite refuses it. */
FIXTURE_VARIANT_ADD(bad, ns_time) {
	.pointer = "/linux/namespaces/2/type",
	.value = "\"time\"",
	.error = "linux.namespaces[2].type: time namespaces are not supported by runsc-lite",
};

FIXTURE_VARIANT_ADD(bad, ns_duplicate) {
	.pointer = "/linux/namespaces/2/type",
	.value = "\"pid\"",
	.error = "linux.namespaces[2].type: duplicate namespace type 'pid'",
};

FIXTURE_VARIANT_ADD(bad, ns_relative_path) {
	.pointer = "/linux/namespaces/1/path",
	.value = "\"net\"",
	.error = "linux.namespaces[1].path: 'net' is not an absolute path",
};

FIXTURE_VARIANT_ADD(bad, uid_unmapped) {
	.pointer = "/process/user/uid",
	.value = "70000",
	.error = "process.user.uid: 70000 has no mapping in linux.uidMappings",
};

FIXTURE_VARIANT_ADD(bad, gid_unmapped) {
	.pointer = "/process/user/gid",
	.value = "65536",
	.error = "process.user.gid: 65536 has no mapping in linux.gidMappings",
};

FIXTURE_VARIANT_ADD(bad, additional_gid_unmapped) {
	.pointer = "/process/user/additionalGids/1",
	.value = "99999",
	.error =
		"process.user.additionalGids[1]: 99999 has no mapping in linux.gidMappings",
};

FIXTURE_VARIANT_ADD(bad, mapping_size_0) {
	.pointer = "/linux/uidMappings/0/size",
	.value = "0",
	.error = "linux.uidMappings[0].size: 0: a mapping maps at least one id",
};

FIXTURE_VARIANT_ADD(bad, mapping_wraps) {
	.pointer = "/linux/gidMappings/0/hostID",
	.value = "4294967295",
	.error = "linux.gidMappings[0].size: 65536 runs past the last id",
};

FIXTURE_VARIANT_ADD(bad, mappings_without_userns) {
	.pointer = "/linux/namespaces/5",
	.value = NULL,
	.error = "linux.uidMappings: needs a user namespace",
};

FIXTURE_VARIANT_ADD(bad, userns_without_gid_map) {
	.pointer = "/linux/gidMappings",
	.value = NULL,
	.error = "linux.gidMappings: missing: a new user namespace needs one",
};

FIXTURE_VARIANT_ADD(bad, hostname_without_uts) {
	.pointer = "/linux/namespaces/3",
	.value = NULL,
	.error = "hostname: needs a UTS namespace",
};

FIXTURE_VARIANT_ADD(bad, device_type) {
	.pointer = "/linux/devices/0/type",
	.value = "\"x\"",
	.error =
		"linux.devices[0].type: unknown device type 'x' (c, b, u or p)",
};

FIXTURE_VARIANT_ADD(bad, device_mode) {
	.pointer = "/linux/devices/0/fileMode",
	.value = "1000000",
	.error = "linux.devices[0].fileMode: 03641100 is not a file mode",
};

FIXTURE_VARIANT_ADD(bad, device_relative) {
	.pointer = "/linux/devices/1/path",
	.value = "\"dev/fifo\"",
	.error = "linux.devices[1].path: 'dev/fifo' is not an absolute path",
};

FIXTURE_VARIANT_ADD(bad, masked_relative) {
	.pointer = "/linux/maskedPaths/0",
	.value = "\"proc/kcore\"",
	.error = "linux.maskedPaths[0]: 'proc/kcore' is not an absolute path",
};

FIXTURE_VARIANT_ADD(bad, rootfs_propagation) {
	.pointer = "/linux/rootfsPropagation",
	.value = "\"weird\"",
	.error = "linux.rootfsPropagation: unknown propagation 'weird'",
};

FIXTURE_VARIANT_ADD(bad, memory_limit) {
	.pointer = "/linux/resources/memory/limit",
	.value = "-2",
	.error =
		"linux.resources.memory.limit: -2 is out of range (-1 to 9223372036854775807)",
};

FIXTURE_VARIANT_ADD(bad, memory_swap_below_limit) {
	.pointer = "/linux/resources/memory/swap",
	.value = "1024",
	.error =
		"linux.resources.memory.swap: 1024 is below the memory limit 536870912",
};

FIXTURE_VARIANT_ADD(bad, cpu_quota) {
	.pointer = "/linux/resources/cpu/quota",
	.value = "9223372036854775808",
	.error =
		"linux.resources.cpu.quota: 9223372036854775808 is out of range (-1 to 9223372036854775807)",
};

FIXTURE_VARIANT_ADD(bad, hook_timeout_zero) {
	.pointer = "/hooks/prestart/0/timeout",
	.value = "0",
	.error =
		"hooks.prestart[0].timeout: 0 is out of range (1 to 2147483647)",
};

FIXTURE_VARIANT_ADD(bad, hook_relative) {
	.pointer = "/hooks/poststop/0/path",
	.value = "\"cleanup\"",
	.error = "hooks.poststop[0].path: 'cleanup' is not an absolute path",
};

FIXTURE_VARIANT_ADD(bad, ksentry_unknown) {
	.pointer = "/annotations/ksentry.sandbx",
	.value = "\"none\"",
	.error = "annotations.ksentry.sandbx: unknown ksentry annotation",
};

FIXTURE_VARIANT_ADD(bad, ksentry_trace) {
	.pointer = "/annotations/ksentry.trace",
	.value = "\"some\"",
	.error =
		"annotations.ksentry.trace: unknown trace mode 'some' (none, deny or all)",
};

FIXTURE_VARIANT_ADD(bad, ksentry_sandbox) {
	.pointer = "/annotations/ksentry.sandbox",
	.value = "\"gvisor\"",
	.error =
		"annotations.ksentry.sandbox: unknown sandbox 'gvisor' (ksentry or none)",
};

FIXTURE_VARIANT_ADD(bad, ksentry_policy_empty) {
	.pointer = "/annotations/ksentry.policy",
	.value = "\"\"",
	.error = "annotations.ksentry.policy: empty: name a profile file",
};

TEST_F(bad, names_the_field)
{
	char expected[PATH_LEN];

	ASSERT_EQ(0, write_patched(self->dir, variant->pointer,
				   variant->value));
	snprintf(expected, sizeof(expected), variant->error, self->dir);
	expect_error(_metadata, self->dir, expected);
}

/* An exec's process.json: the same parser, paths relative to the file. */
TEST_F(bundle, process_file)
{
	struct spec_process proc;
	char path[PATH_LEN], err[512];

	ASSERT_EQ(0, write_named(self->dir, "process.json",
				 "{\"args\": [\"ls\", \"-l\"], \"cwd\": \"/tmp\",\n"
				 " \"user\": {\"uid\": 5, \"gid\": 6},\n"
				 " \"capabilities\": {\"effective\": [\"CAP_KILL\"]},\n"
				 " \"terminal\": true}\n"));
	snprintf(path, sizeof(path), "%s/process.json", self->dir);
	ASSERT_EQ(0, spec_load_process(path, &proc, err, sizeof(err)))
	{
		TH_LOG("spec_load_process: %s", err);
	}
	EXPECT_STREQ("-l", proc.args[1]);
	EXPECT_STREQ("/tmp", proc.cwd);
	EXPECT_EQ(5, proc.user.uid);
	EXPECT_EQ(6, proc.user.gid);
	EXPECT_TRUE(proc.terminal);
	EXPECT_EQ(1ULL << CAP_KILL, proc.caps.effective);
	spec_process_free(&proc);
	EXPECT_EQ(NULL, proc.args);
}

TEST_F(bundle, process_file_errors)
{
	struct spec_process proc;
	char path[DIR_LEN + 16], err[512], expected[PATH_LEN];

	snprintf(path, sizeof(path), "%s/process.json", self->dir);
	ASSERT_EQ(-1, spec_load_process(path, &proc, err, sizeof(err)));
	snprintf(expected, sizeof(expected),
		 "%s: No such file or directory", path);
	EXPECT_STREQ(expected, err);

	ASSERT_EQ(0, write_named(self->dir, "process.json",
				 "{\"args\": [\"ls\"], \"cwd\": \"/\",\n"
				 " \"user\": {\"uid\": \"root\"}}\n"));
	ASSERT_EQ(-1, spec_load_process(path, &proc, err, sizeof(err)));
	EXPECT_STREQ("user.uid: not a number", err);
	EXPECT_EQ(NULL, proc.args);

	ASSERT_EQ(0, write_named(self->dir, "process.json", "{\"args\": ["));
	ASSERT_EQ(-1, spec_load_process(path, &proc, err, sizeof(err)));
	snprintf(expected, sizeof(expected),
		 "%s: malformed JSON at line 1, column 11: unexpected end of data",
		 path);
	EXPECT_STREQ(expected, err);
}

/* No entries in the bundle but @names. */
static bool only_entries(const char *dir, const char *const *names, size_t n)
{
	struct dirent *de;
	size_t i, seen = 0;
	DIR *d = opendir(dir);
	bool ok = d;

	while (ok && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		for (i = 0; i < n && strcmp(names[i], de->d_name); i++)
			;
		ok = i < n;
		seen++;
	}
	if (d)
		closedir(d);
	return ok && seen == n;
}

TEST_F(bundle, write_default)
{
	static const char *const entries[] = { "config.json", "rootfs" };
	char path[PATH_LEN];
	const struct spec_mount *sys;
	struct spec *spec;

	snprintf(path, sizeof(path), "%s/config.json", self->dir);
	ASSERT_EQ(0, spec_write_default(path, false));
	spec = load(_metadata, self->dir);
	EXPECT_STREQ("1.2.0", spec->oci_version);
	EXPECT_STREQ("sh", spec->process.args[0]);
	EXPECT_STREQ("/", spec->process.cwd);
	EXPECT_TRUE(spec->process.terminal);
	EXPECT_TRUE(spec->process.no_new_privileges);
	EXPECT_STREQ("TERM=xterm", spec->process.env[1]);
	EXPECT_EQ(1ULL << CAP_AUDIT_WRITE | 1ULL << CAP_KILL |
		  1ULL << CAP_NET_BIND_SERVICE, spec->process.caps.effective);
	EXPECT_EQ(spec->process.caps.effective, spec->process.caps.bounding);
	EXPECT_EQ(spec->process.caps.effective, spec->process.caps.permitted);
	EXPECT_EQ(0, spec->process.caps.ambient);
	ASSERT_EQ(1, spec->process.nr_rlimits);
	EXPECT_EQ(RLIMIT_NOFILE, spec->process.rlimits[0].resource);
	EXPECT_EQ(1024, spec->process.rlimits[0].hard);
	EXPECT_TRUE(spec->root_readonly);
	EXPECT_STREQ("runsc-lite", spec->hostname);
	ASSERT_EQ(6, spec->nr_mounts);
	EXPECT_STREQ("/dev/pts", spec->mounts[2].destination);
	EXPECT_STREQ("newinstance,ptmxmode=0666,mode=0620,gid=5",
		     spec->mounts[2].data);
	sys = &spec->mounts[5];
	EXPECT_STREQ("sysfs", sys->type);
	EXPECT_EQ(MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, sys->flags);
	EXPECT_EQ(6, spec->nr_namespaces);
	EXPECT_NE(NULL, spec_namespace(spec, CLONE_NEWNET));
	EXPECT_EQ(NULL, spec_namespace(spec, CLONE_NEWUSER));
	EXPECT_STREQ("/proc/kcore", spec->masked_paths[2]);
	EXPECT_STREQ("/proc/sysrq-trigger", spec->readonly_paths[4]);
	spec_free(spec);

	/* Never overwritten, and no temporary file left behind. */
	errno = 0;
	EXPECT_EQ(-1, spec_write_default(path, true));
	EXPECT_EQ(EEXIST, errno);
	EXPECT_TRUE(only_entries(self->dir, entries, 2));
}

TEST_F(bundle, write_default_rootless)
{
	char path[PATH_LEN];
	const struct spec_mount *sys;
	struct spec *spec;

	snprintf(path, sizeof(path), "%s/config.json", self->dir);
	ASSERT_EQ(0, spec_write_default(path, true));
	spec = load(_metadata, self->dir);
	EXPECT_EQ(6, spec->nr_namespaces);
	EXPECT_EQ(NULL, spec_namespace(spec, CLONE_NEWNET));
	ASSERT_NE(NULL, spec_namespace(spec, CLONE_NEWUSER));
	ASSERT_EQ(1, spec->nr_uid_mappings);
	EXPECT_EQ(0, spec->uid_mappings[0].container_id);
	EXPECT_EQ(geteuid(), spec->uid_mappings[0].host_id);
	EXPECT_EQ(1, spec->uid_mappings[0].size);
	ASSERT_EQ(1, spec->nr_gid_mappings);
	EXPECT_EQ(getegid(), spec->gid_mappings[0].host_id);
	EXPECT_STREQ("newinstance,ptmxmode=0666,mode=0620",
		     spec->mounts[2].data);
	sys = &spec->mounts[5];
	EXPECT_TRUE(sys->bind);
	EXPECT_TRUE(sys->recursive);
	EXPECT_STREQ("/sys", sys->source);
	EXPECT_EQ(MS_BIND | MS_REC | MS_NOSUID | MS_NOEXEC | MS_NODEV |
		  MS_RDONLY, sys->flags);
	spec_free(spec);
}

TEST_F(bundle, write_default_no_directory)
{
	char path[PATH_LEN];

	snprintf(path, sizeof(path), "%s/missing/config.json", self->dir);
	errno = 0;
	EXPECT_EQ(-1, spec_write_default(path, false));
	EXPECT_EQ(ENOENT, errno);
}

static struct json_object *get(struct json_object *doc, const char *pointer)
{
	struct json_object *v = NULL;

	json_pointer_get(doc, pointer, &v);
	return v;
}

static const char *get_str(struct json_object *doc, const char *pointer)
{
	return json_object_get_string(get(doc, pointer));
}

static bool get_bool(struct json_object *doc, const char *pointer)
{
	return json_object_get_boolean(get(doc, pointer));
}

static size_t get_len(struct json_object *doc, const char *pointer)
{
	return json_object_array_length(get(doc, pointer));
}

/* The array at @pointer of @doc holds the string @name. */
static bool has_name(struct json_object *doc, const char *pointer,
		     const char *name)
{
	struct json_object *arr = get(doc, pointer), *v;
	size_t i;

	for (i = 0; i < json_object_array_length(arr); i++) {
		v = json_object_array_get_idx(arr, i);
		if (!strcmp(name, json_object_get_string(v)))
			return true;
	}
	return false;
}

/* Run spec_print_features() with its stdout in @path. */
static int print_features(const char *path, const bool host_pid_unsandboxed)
{
	int fd, out, ret;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	fflush(stdout);
	out = dup(STDOUT_FILENO);
	if (out < 0 || dup2(fd, STDOUT_FILENO) < 0)
		return -1;
	ret = spec_print_features(host_pid_unsandboxed);
	fflush(stdout);
	if (dup2(out, STDOUT_FILENO) < 0)
		ret = -1;
	close(out);
	close(fd);
	return ret;
}

TEST_F(bundle, features)
{
	const char *version = "/annotations/io.github.ksentry.runsc-lite.version";
	char path[PATH_LEN];
	struct json_object *doc;

	snprintf(path, sizeof(path), "%s/features.json", self->dir);
	ASSERT_EQ(0, print_features(path, false));
	doc = json_object_from_file(path);
	ASSERT_NE(NULL, doc)
	{
		TH_LOG("features: %s", json_util_get_last_err());
	}
	EXPECT_STREQ("1.0.0", get_str(doc, "/ociVersionMin"));
	EXPECT_STREQ("1.2.0", get_str(doc, "/ociVersionMax"));
	EXPECT_EQ(6, get_len(doc, "/hooks"));
	EXPECT_TRUE(has_name(doc, "/hooks", "createContainer"));
	EXPECT_TRUE(has_name(doc, "/mountOptions", "ro"));
	EXPECT_TRUE(has_name(doc, "/mountOptions", "rbind"));
	EXPECT_TRUE(has_name(doc, "/mountOptions", "rslave"));
	EXPECT_TRUE(has_name(doc, "/mountOptions", "nostrictatime"));
	EXPECT_FALSE(has_name(doc, "/mountOptions", "tmpcopyup"));
	EXPECT_EQ(7, get_len(doc, "/linux/namespaces"));
	EXPECT_FALSE(has_name(doc, "/linux/namespaces", "time"));
	EXPECT_EQ(41, get_len(doc, "/linux/capabilities"));
	EXPECT_TRUE(has_name(doc, "/linux/capabilities", "CAP_CHOWN"));
	EXPECT_TRUE(has_name(doc, "/linux/capabilities",
			     "CAP_CHECKPOINT_RESTORE"));
	EXPECT_TRUE(get_bool(doc, "/linux/cgroup/v2"));
	EXPECT_FALSE(get_bool(doc, "/linux/cgroup/v1"));
	EXPECT_FALSE(get_bool(doc, "/linux/cgroup/systemd"));
	EXPECT_FALSE(get_bool(doc, "/linux/cgroup/systemdUser"));
	EXPECT_TRUE(get_bool(doc, "/linux/seccomp/enabled"));
	EXPECT_EQ(7, get_len(doc, "/linux/seccomp/actions"));
	EXPECT_TRUE(has_name(doc, "/linux/seccomp/actions",
			     "SCMP_ACT_KILL_PROCESS"));
	EXPECT_FALSE(has_name(doc, "/linux/seccomp/actions",
			      "SCMP_ACT_TRACE"));
	EXPECT_EQ(7, get_len(doc, "/linux/seccomp/operators"));
	EXPECT_TRUE(has_name(doc, "/linux/seccomp/archs", "SCMP_ARCH_X32"));
	EXPECT_FALSE(get_bool(doc, "/linux/apparmor/enabled"));
	EXPECT_FALSE(get_bool(doc, "/linux/selinux/enabled"));
	EXPECT_STREQ(RUNSC_LITE_VERSION, get_str(doc, version));
	json_object_put(doc);
}

/* What happens to Docker's --pid=host and Kubernetes' hostPID: true. */
TEST_F(bundle, features_say_what_becomes_of_the_host_pid_namespace)
{
	const char *key = "/annotations/io.github.ksentry.runsc-lite.hostPid";
	char path[PATH_LEN];
	struct json_object *doc;
	const char *said;

	snprintf(path, sizeof(path), "%s/features.json", self->dir);
	ASSERT_EQ(0, print_features(path, false));
	doc = json_object_from_file(path);
	ASSERT_NE(NULL, doc);
	said = get_str(doc, key);
	ASSERT_NE(NULL, said);
	EXPECT_EQ(0, strncmp(said, "refuse: ", 8)) TH_LOG("%s", said);
	EXPECT_NE(NULL, strstr(said, "Docker's --pid=host")) TH_LOG("%s", said);
	EXPECT_NE(NULL, strstr(said, "Kubernetes' hostPID: true")) TH_LOG("%s", said);
	EXPECT_NE(NULL, strstr(said, "--host-pid=unsandboxed")) TH_LOG("%s", said);
	json_object_put(doc);
	unlink(path);
	ASSERT_EQ(0, print_features(path, true));
	doc = json_object_from_file(path);
	ASSERT_NE(NULL, doc);
	said = get_str(doc, key);
	ASSERT_NE(NULL, said);
	EXPECT_EQ(0, strncmp(said, "unsandboxed: ", 13)) TH_LOG("%s", said);
	EXPECT_NE(NULL, strstr(said, "WITHOUT")) TH_LOG("%s", said);
	json_object_put(doc);
}

TEST_HARNESS_MAIN
