// SPDX-License-Identifier: GPL-2.0
/*
 * ksentry - selftests of sandboxes: actions, inheritance and escapes
 *
 * Copyright (C) 2026 The ksentry authors
 *
 * Each test runs a body as pid 1 of a new pid namespace, bound to a
 * sandbox before the body starts, and judges what the body saw from its
 * exit status.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/ksentry.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "common.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_OFF 0
#endif

/* The ptrace view of Syscall User Dispatch, Linux 6.4 and later. */
#define PTRACE_SET_SUD_CONFIG 0x4210
#define PTRACE_GET_SUD_CONFIG 0x4211

struct sud_config {
	__u64 mode;
	__u64 selector;
	__u64 offset;
	__u64 len;
};

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

/* Exit statuses of the bodies: 0 is success, each failure its own code. */
enum { BODY_OK = 0, BODY_WRONG = 1, BODY_ERROR = 2 };

/*
 * run_body - Run @body sandboxed; returns its wait status.
 *
 * The sandbox gets @policy first.  The body's process is held until the
 * binding is done, so it runs as a member from its first instruction.
 */
static int run_body(struct __test_metadata *const _metadata, const int sandbox,
		    int (*body)(void))
{
	int release, status = -1, bound;
	pid_t pid;

	pid = spawn_held(&release);
	if (pid == 0)
		_exit(body());
	if (pid < 0)
		return -1;
	bound = sandbox_bind_pid(sandbox, pid);
	if (bound)
		TH_LOG("bind: %s", strerror(errno));
	if (bound)
		kill(pid, SIGKILL);
	release_child(release);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return bound ? -1 : status;
}

static bool EXITED_WITH(const int code, const int status)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

FIXTURE(sandbox) {
	int fd;
};

FIXTURE_SETUP(sandbox)
{
	self->fd = sandbox_create();
	ASSERT_LE(0, self->fd)
	{
		TH_LOG("create: %s", strerror(errno));
	}
}

FIXTURE_TEARDOWN(sandbox)
{
	EXPECT_EQ(0, close(self->fd));
}

static int set_one(const int fd, const __u32 nr, const __u32 action)
{
	const struct ksentry_entry entry = { .nr = nr, .action = action };

	return sandbox_set_policy(fd, KSENTRY_ACT_ALLOW, &entry, 1, NULL, 0);
}

static int body_getuid_eacces(void)
{
	errno = 0;
	if (syscall(__NR_getuid) != -1)
		return BODY_WRONG;
	if (errno != EACCES)
		return BODY_ERROR;
	/* Everything else still passes. */
	return getpid() == 1 ? BODY_OK : BODY_ERROR;
}

TEST_F(sandbox, errno_action)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	status = run_body(_metadata, self->fd, body_getuid_eacces);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
	/* The caller is outside: unaffected. */
	EXPECT_EQ(getuid(), syscall(__NR_getuid));
}

static int body_allow(void)
{
	struct utsname u;

	return uname(&u) == 0 && getpid() == 1 ? BODY_OK : BODY_WRONG;
}

TEST_F(sandbox, allow_action)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_uname, KSENTRY_ACT_ALLOW));
	status = run_body(_metadata, self->fd, body_allow);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status));
}

static int body_log(void)
{
	struct utsname u;

	return uname(&u) == 0 ? BODY_OK : BODY_WRONG;
}

TEST_F(sandbox, log_action_allows)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_uname, KSENTRY_ACT_LOG));
	status = run_body(_metadata, self->fd, body_log);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status));
}

/* Written by the SIGSYS handler: accessed atomically, not cached. */
static int trap_ok;

static void on_sigsys(int sig, siginfo_t *info, void *uctx)
{
	__atomic_store_n(&trap_ok, info->si_code == SYS_SECCOMP &&
			 info->si_syscall == __NR_uname &&
			 info->si_arch == AUDIT_ARCH_X86_64 &&
			 info->si_errno == 42, __ATOMIC_SEQ_CST);
}

static int body_trap(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigsys,
				.sa_flags = SA_SIGINFO };
	struct utsname u;

	if (sigaction(SIGSYS, &sa, NULL))
		return BODY_ERROR;
	__atomic_store_n(&trap_ok, 0, __ATOMIC_SEQ_CST);
	syscall(__NR_uname, &u);
	return __atomic_load_n(&trap_ok, __ATOMIC_SEQ_CST) ? BODY_OK : BODY_WRONG;
}

TEST_F(sandbox, trap_action)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_uname, KSENTRY_ACT_TRAP | 42));
	status = run_body(_metadata, self->fd, body_trap);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_trap_blocked(void)
{
	struct utsname u;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGSYS);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGSYS, SIG_IGN);
	syscall(__NR_uname, &u);
	return BODY_WRONG;
}

TEST_F(sandbox, trap_cannot_be_blocked)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_uname, KSENTRY_ACT_TRAP));
	status = run_body(_metadata, self->fd, body_trap_blocked);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
	{
		TH_LOG("status %#x", status);
	}
}

static int body_getuid(void)
{
	syscall(__NR_getuid);
	return BODY_WRONG;
}

TEST_F(sandbox, kill_process_action)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid, KSENTRY_ACT_KILL_PROCESS));
	status = run_body(_metadata, self->fd, body_getuid);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
	{
		TH_LOG("status %#x", status);
	}
}

#define DROP_DISPATCH "/sys/kernel/debug/ksentry-fault/drop_dispatch"

/* Take the module's syscall redirect away ("1") or give it back ("0"). */
static int drop_dispatch(const char *const value)
{
	const int fd = open(DROP_DISPATCH, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	close(fd);
	return n == (ssize_t)strlen(value) ? 0 : -1;
}

/*
 * Should the redirect ever not be taken, the kernel's own
 * syscall_user_dispatch() meets a member's slot: it must kill the member
 * rather than run its call undecided.  The first call after the release
 * (in spawn_held()) already meets it; body_getuid() would return.
 */
TEST_F(sandbox, lost_redirect_fails_closed)
{
	int release, status, again;
	pid_t pid;

	if (access(DROP_DISPATCH, W_OK))
		SKIP(return, "the module has no fault injection (KSENTRY_FAULT_INJECT)");
	ASSERT_EQ(0, set_one(self->fd, __NR_getuid, KSENTRY_ACT_ERRNO_OF(EACCES)));
	pid = spawn_held(&release);
	if (pid == 0)
		_exit(body_getuid());
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sandbox_bind_pid(self->fd, pid));
	ASSERT_EQ(0, drop_dispatch("1"));
	release_child(release);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, drop_dispatch("0"));
	/* SIGSYS where the selector byte is read, SIGSEGV where it faults. */
	EXPECT_TRUE(WIFSIGNALED(status) &&
		    (WTERMSIG(status) == SIGSYS || WTERMSIG(status) == SIGSEGV))
	{
		TH_LOG("status %#x: the call ran undecided", status);
	}
	/* The redirect is back: a new sandbox's member is decided again. */
	again = sandbox_create();
	ASSERT_LE(0, again);
	ASSERT_EQ(0, set_one(again, __NR_getuid, KSENTRY_ACT_ERRNO_OF(EACCES)));
	status = run_body(_metadata, again, body_getuid_eacces);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
	close(again);
}

#ifndef ARCH_MAP_VDSO_32
#define ARCH_MAP_VDSO_32 0x2002
#endif

/*
 * Unmap the 64-bit vDSO and its data, map the 32-bit vDSO in their place
 * (ARCH_MAP_VDSO_32), and find the int $0x80 of its sigreturn, which is
 * the landing pad the kernel's syscall_user_dispatch() lets through.
 * Its address, or 0.
 */
static unsigned long vdso32_sigreturn_int80(void)
{
	/* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 */
	static const unsigned char code[] = {
		0x58, 0xb8, 0x77, 0, 0, 0, 0xcd, 0x80,
	};
	unsigned long lo, hi, p, found = 0;
	char line[512];
	FILE *f;

	f = fopen("/proc/self/maps", "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if ((strstr(line, "[vdso]") || strstr(line, "[vvar")) &&
		    sscanf(line, "%lx-%lx", &lo, &hi) == 2)
			munmap((void *)lo, hi - lo);
	fclose(f);
	if (syscall(__NR_arch_prctl, ARCH_MAP_VDSO_32, 0x70000000UL) < 0)
		return 0;
	f = fopen("/proc/self/maps", "r");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		if (!strstr(line, "[vdso]") ||
		    sscanf(line, "%lx-%lx", &lo, &hi) != 2)
			continue;
		for (p = lo; p + sizeof(code) <= hi; p++)
			if (!memcmp((void *)p, code, sizeof(code))) {
				found = p + 6;
				break;
			}
	}
	fclose(f);
	return found;
}

/* read(@fd, 1 byte), then an ia32 exit(42) from the int $0x80 at @int80. */
static void __attribute__((noreturn))
read_then_ia32_exit(const int fd, const unsigned long int80)
{
	register unsigned long target asm("r12") = int80;
	char c;

	asm volatile ("syscall\n\t"
		      "mov $1, %%eax\n\t"
		      "mov $42, %%ebx\n\t"
		      "jmp *%%r12\n\t"
		      : : "a"(0L), "D"((long)fd), "S"(&c), "d"(1L), "r"(target)
		      : "rcx", "r11", "rbx", "memory");
	__builtin_unreachable();
}

/*
 * The redirect lost, a member makes an ia32 call from the 32-bit vDSO's
 * sigreturn pad, which the kernel's syscall_user_dispatch() lets through
 * before it reads the slot's guard: the table refuses ia32 exit(), so the
 * member must die, not exit 42.
 */
TEST_F(sandbox, lost_redirect_fails_closed_at_the_vdso32_sigreturn_pad)
{
	int go[2], ready[2], status, i, fd;
	char buf[64], c;
	unsigned long t;
	pid_t pid;

	if (access(DROP_DISPATCH, W_OK))
		SKIP(return, "the module has no fault injection (KSENTRY_FAULT_INJECT)");
	ASSERT_EQ(0, set_one(self->fd, __NR_getuid, KSENTRY_ACT_ERRNO_OF(EACCES)));
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(ready));
	pid = syscall(__NR_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		close(go[1]);
		close(ready[0]);
		t = vdso32_sigreturn_int80();
		if (!t)
			_exit(3);
		if (write(ready[1], "r", 1) != 1)
			_exit(4);
		read_then_ia32_exit(go[0], t);
	}
	ASSERT_LT(0, pid);
	close(go[0]);
	close(ready[1]);
	ASSERT_EQ(0, sandbox_bind_pid(self->fd, pid));
	if (read(ready[0], &c, 1) != 1) {
		waitpid(pid, &status, 0);
		SKIP(return, "no 32-bit vDSO to map (status %#x)", status);
	}
	/* Until the child sits in its read(). */
	snprintf(buf, sizeof(buf), "/proc/%d/syscall", pid);
	for (i = 0; i < 2000; i++) {
		fd = open(buf, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		c = 0;
		ASSERT_LT(0, read(fd, &c, 1));
		close(fd);
		if (c == '0')
			break;
		usleep(1000);
	}
	ASSERT_EQ(0, drop_dispatch("1"));
	ASSERT_EQ(1, write(go[1], "g", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, drop_dispatch("0"));
	EXPECT_TRUE(WIFSIGNALED(status))
	{
		TH_LOG("status %#x (exit 42: the refused ia32 call ran)", status);
	}
}

static void *thread_getuid(void *arg)
{
	syscall(__NR_getuid);
	return (void *)1;
}

static int body_kill_thread(void)
{
	pthread_t thread;
	void *ret = NULL;

	if (pthread_create(&thread, NULL, thread_getuid, NULL))
		return BODY_ERROR;
	if (pthread_join(thread, &ret))
		return BODY_ERROR;
	/* The thread died in the call; this one lives on. */
	return ret == (void *)1 ? BODY_WRONG : BODY_OK;
}

TEST_F(sandbox, kill_thread_action)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid, KSENTRY_ACT_KILL_THREAD));
	status = run_body(_metadata, self->fd, body_kill_thread);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
}

static int fork_and_check(void)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(syscall(__NR_getuid) == -1 && errno == EACCES ? 0 : 1);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return BODY_ERROR;
	return EXITED_WITH(0, status) ? BODY_OK : BODY_WRONG;
}

static void *thread_check(void *arg)
{
	errno = 0;
	return (void *)(long)(syscall(__NR_getuid) == -1 && errno == EACCES);
}

static int body_inherit(void)
{
	pthread_t thread;
	void *ret = NULL;
	int status;
	pid_t pid;

	if (fork_and_check() != BODY_OK)
		return BODY_WRONG;
	/* vfork */
	pid = vfork();
	if (pid == 0)
		_exit(syscall(__NR_getuid) == -1 && errno == EACCES ? 0 : 1);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !EXITED_WITH(0, status))
		return BODY_WRONG + 10;
	/* a thread */
	if (pthread_create(&thread, NULL, thread_check, NULL) ||
	    pthread_join(thread, &ret) || ret != (void *)1)
		return BODY_WRONG + 20;
	/* a new pid namespace below */
	if (unshare(CLONE_NEWPID))
		return BODY_ERROR;
	if (fork_and_check() != BODY_OK)
		return BODY_WRONG + 30;
	return BODY_OK;
}

TEST_F(sandbox, inherited_across_fork_vfork_threads_unshare)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	status = run_body(_metadata, self->fd, body_inherit);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_exec(void)
{
	execl("/proc/self/exe", "sandbox_test", "--probe-getuid", NULL);
	return BODY_ERROR;
}

TEST_F(sandbox, inherited_across_exec)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	status = run_body(_metadata, self->fd, body_exec);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_escape(void)
{
	errno = 0;
	if (open(KSENTRY_DEV, O_RDWR) >= 0 || errno != EPERM)
		return BODY_WRONG;
	errno = 0;
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0) != -1 ||
	    errno != EPERM)
		return BODY_WRONG + 1;
	/* Still in the sandbox. */
	if (syscall(__NR_getuid) != -1 || errno != EACCES)
		return BODY_WRONG + 2;
	return BODY_OK;
}

TEST_F(sandbox, member_cannot_escape)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	status = run_body(_metadata, self->fd, body_escape);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_ia32_x32(void)
{
	long ret;

	/* ia32 getuid (24) through int 0x80: ENOSYS by default. */
	asm volatile ("int $0x80" : "=a"(ret) : "a"(24L) : "memory");
	if (ret != -ENOSYS)
		return BODY_WRONG;
	/* x32 getuid: never the x86-64 table's ALLOW. */
	ret = syscall(0x40000000 | __NR_getuid);
	if (ret != -1 || errno != ENOSYS)
		return BODY_WRONG + 1;
	return BODY_OK;
}

TEST_F(sandbox, ia32_and_x32_not_decided_by_table)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid, KSENTRY_ACT_ALLOW));
	status = run_body(_metadata, self->fd, body_ia32_x32);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
}

/* Body that waits to be killed: keeps the namespace alive. */
static int body_wait(void)
{
	for (;;)
		pause();
	return BODY_ERROR;
}

TEST_F(sandbox, setns_and_fork_joins)
{
	int release, status, ns;
	char path[64];
	pid_t holder, helper;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	holder = spawn_held(&release);
	if (holder == 0)
		_exit(body_wait());
	ASSERT_LT(0, holder);
	ASSERT_EQ(0, sandbox_bind_pid(self->fd, holder));
	release_child(release);

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", holder);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, ns);
	helper = fork();
	ASSERT_LE(0, helper);
	if (helper == 0) {
		pid_t child;

		/* Not a member: the table does not apply to the helper. */
		if (syscall(__NR_getuid) != getuid())
			_exit(3);
		if (setns(ns, CLONE_NEWPID))
			_exit(4);
		child = fork();
		if (child == 0)
			_exit(syscall(__NR_getuid) == -1 && errno == EACCES ?
			      0 : 1);
		if (child < 0 || waitpid(child, &status, 0) != child)
			_exit(5);
		_exit(EXITED_WITH(0, status) ? 0 : 6);
	}
	ASSERT_EQ(helper, waitpid(helper, &status, 0));
	EXPECT_TRUE(EXITED_WITH(0, status))
	{
		TH_LOG("status %#x", status);
	}
	close(ns);
	kill(holder, SIGKILL);
	ASSERT_EQ(holder, waitpid(holder, &status, 0));
}

static int body_ptrace(void)
{
	int status;
	pid_t child;
	long ret;

	child = fork();
	if (child == 0) {
		raise(SIGSTOP);
		_exit(0);
	}
	if (child < 0)
		return BODY_ERROR;
	if (waitpid(child, &status, WUNTRACED) != child)
		return BODY_ERROR;
	/* Seccomp stops from the attach on: not between decision and call. */
	errno = 0;
	ret = ptrace(PTRACE_SEIZE, child, 0, PTRACE_O_TRACESECCOMP);
	if (ret != -1 || errno != EPERM)
		return BODY_WRONG;
	/* Seizing, then stopping at syscalls, is allowed (hostile_test). */
	if (ptrace(PTRACE_SEIZE, child, 0, 0))
		return BODY_ERROR + 10;
	errno = 0;
	ret = ptrace(PTRACE_SET_SUD_CONFIG, child, sizeof(struct sud_config),
		     &(struct sud_config){ 0 });
	if (ret != -1 || errno != EPERM)
		return BODY_WRONG + 3;
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	return BODY_OK;
}

TEST_F(sandbox, member_cannot_seize_with_seccomp_stops_or_touch_dispatch)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid, KSENTRY_ACT_ALLOW));
	status = run_body(_metadata, self->fd, body_ptrace);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
}

/* A filter that sends getppid to the tracer, installed on current. */
static int filter_trace_getppid(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { ARRAY_SIZE(f), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/*
 * pid 1 of the namespace, not yet a member: seize a child with seccomp
 * stops, let the parent bind, then turn each of the child's getppid()
 * calls, at their seccomp stops, into getuid().  Exits with the child's
 * exit status.
 */
static int traced_before_bind(const int ready, const int bound)
{
	struct user_regs_struct regs;
	int go[2], status;
	pid_t child;
	char c;

	if (pipe(go))
		return 90;
	child = fork();
	if (child == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1 || filter_trace_getppid())
			_exit(91);
		errno = 0;
		/* The table refuses getuid() with EACCES. */
		if (syscall(__NR_getppid) != -1 || errno != EACCES)
			_exit(1);
		_exit(0);
	}
	close(go[0]);
	if (child < 0 || ptrace(PTRACE_SEIZE, child, 0, PTRACE_O_TRACESECCOMP))
		return 92;
	if (write(ready, "r", 1) != 1 || read(bound, &c, 1) != 1)
		return 93;
	/* A member now, and so is the child. */
	if (write(go[1], "g", 1) != 1)
		return 94;
	while (waitpid(child, &status, 0) == child) {
		if (WIFEXITED(status))
			return WEXITSTATUS(status);
		if (WIFSIGNALED(status))
			return 95;
		if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8)) &&
		    !ptrace(PTRACE_GETREGS, child, 0, &regs)) {
			regs.orig_rax = __NR_getuid;
			ptrace(PTRACE_SETREGS, child, 0, &regs);
		}
		ptrace(PTRACE_CONT, child, 0, 0);
	}
	return 96;
}

/*
 * Binding a populated namespace keeps the ptrace state set up before: a
 * tracer with seccomp stops must not get a call past the table by
 * changing it at the stop, after the table decided.
 */
TEST_F(sandbox, tracer_from_before_the_bind_cannot_change_a_call)
{
	int ready[2], bound[2], status;
	pid_t pid;
	char c;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid, KSENTRY_ACT_ERRNO_OF(EACCES)));
	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(bound));
	pid = syscall(__NR_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(traced_before_bind(ready[1], bound[0]));
	ASSERT_LT(0, pid);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	EXPECT_EQ(0, sandbox_bind_pid(self->fd, pid));
	ASSERT_EQ(1, write(bound[1], "b", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(EXITED_WITH(0, status))
	{
		TH_LOG("status %#x (1: the changed call ran)", status);
	}
}

static int body_setuid_exec(void)
{
	if (setgid(65534) || setuid(65534))
		return BODY_ERROR;
	execl("/tmp/ksentry_suid", "ksentry_suid", "--probe-getuid", NULL);
	return BODY_ERROR + 1;
}

TEST_F(sandbox, setuid_exec_stays_member)
{
	char buf[65536];
	int in, out, status;
	ssize_t n;

	in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, in);
	out = open("/tmp/ksentry_suid", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		   0755);
	ASSERT_LE(0, out);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ASSERT_EQ(n, write(out, buf, n));
	close(in);
	close(out);
	ASSERT_EQ(0, chmod("/tmp/ksentry_suid", 04755));

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	status = run_body(_metadata, self->fd, body_setuid_exec);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
	unlink("/tmp/ksentry_suid");
}

static int info_pipe[2];

static int body_report_members(void)
{
	pthread_t thread;
	char c;

	/* Two threads in this process, then wait for the parent's look. */
	if (pthread_create(&thread, NULL, (void *(*)(void *))body_wait, NULL))
		return BODY_ERROR;
	if (write(info_pipe[1], "r", 1) != 1)
		return BODY_ERROR;
	for (;;)
		pause();
	return read(info_pipe[0], &c, 1);
}

TEST_F(sandbox, lifetime_and_members)
{
	struct ksentry_sandbox_info info;
	int release, status;
	pid_t pid;
	char c;

	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	EXPECT_EQ(0, info.members);
	EXPECT_EQ(0, info.bound);
	EXPECT_EQ(0, info.policy_seq);
	EXPECT_NE(0, info.id);
	ASSERT_EQ(0, set_one(self->fd, __NR_getuid, KSENTRY_ACT_ALLOW));
	ASSERT_EQ(0, pipe(info_pipe));
	pid = spawn_held(&release);
	if (pid == 0)
		_exit(body_report_members());
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sandbox_bind_pid(self->fd, pid));
	release_child(release);
	ASSERT_EQ(1, read(info_pipe[0], &c, 1));
	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	EXPECT_EQ(2, info.members);
	EXPECT_EQ(1, info.bound);
	EXPECT_EQ(1, info.policy_seq);
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	EXPECT_EQ(0, info.members);
	close(info_pipe[0]);
	close(info_pipe[1]);
}

static int sync_pipe[2];

static int body_outlives_fd(void)
{
	char c;

	/* Wait until the parent has closed the sandbox's fd. */
	if (read(sync_pipe[0], &c, 1) != 1)
		return BODY_ERROR;
	errno = 0;
	return syscall(__NR_getuid) == -1 && errno == EACCES ?
	       BODY_OK : BODY_WRONG;
}

TEST(sandbox_lives_while_members_live)
{
	int fd, release, status;
	pid_t pid;

	fd = sandbox_create();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, set_one(fd, __NR_getuid, KSENTRY_ACT_ERRNO_OF(EACCES)));
	ASSERT_EQ(0, pipe(sync_pipe));
	pid = spawn_held(&release);
	if (pid == 0)
		_exit(body_outlives_fd());
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sandbox_bind_pid(fd, pid));
	release_child(release);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(1, write(sync_pipe[1], "x", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
	close(sync_pipe[0]);
	close(sync_pipe[1]);
}

static int body_counted(void)
{
	struct utsname u;
	long ret;
	int i;

	for (i = 0; i < 3; i++)
		syscall(__NR_getuid);
	for (i = 0; i < 2; i++)
		syscall(__NR_uname, &u);
	asm volatile ("int $0x80" : "=a"(ret) : "a"(24L) : "memory");
	return ret == -ENOSYS ? BODY_OK : BODY_WRONG;
}

static __u64 stats_at(const __u64 *counts, unsigned int slot, __u32 type)
{
	return counts[slot * KSENTRY_STATS_ACTIONS + (type >> 16) - 1];
}

TEST_F(sandbox, counters)
{
	static __u64 counts[KSENTRY_STATS_SLOTS * KSENTRY_STATS_ACTIONS];
	struct ksentry_stats_attr attr = {
		.size = sizeof(attr),
		.counts = (__u64)(uintptr_t)counts,
		.counts_size = sizeof(counts),
	};
	struct ksentry_sandbox_info info;
	char path[64], line[128];
	bool found = false;
	int status;
	FILE *f;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	status = run_body(_metadata, self->fd, body_counted);
	ASSERT_TRUE(EXITED_WITH(BODY_OK, status));
	ASSERT_EQ(0, ioctl(self->fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	EXPECT_EQ(3, stats_at(counts, __NR_getuid, KSENTRY_ACT_ERRNO));
	EXPECT_EQ(0, stats_at(counts, __NR_getuid, KSENTRY_ACT_ALLOW));
	EXPECT_EQ(2, stats_at(counts, __NR_uname, KSENTRY_ACT_ALLOW));
	EXPECT_EQ(1, stats_at(counts, KSENTRY_STATS_SLOT_IA32,
			      KSENTRY_ACT_ERRNO));
	/* The body's own exit went through the table too. */
	EXPECT_LE(1, stats_at(counts, __NR_exit_group, KSENTRY_ACT_ALLOW));

	/* Too small a buffer is refused. */
	attr.counts_size = sizeof(counts) - 1;
	errno = 0;
	EXPECT_EQ(-1, ioctl(self->fd, KSENTRY_SANDBOX_GET_STATS, &attr));
	EXPECT_EQ(EINVAL, errno);

	/* The same figure in debugfs. */
	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	snprintf(path, sizeof(path), "/sys/kernel/debug/ksentry/sandbox-%llu",
		 (unsigned long long)info.id);
	f = fopen(path, "r");
	if (!f)
		SKIP(return, "no debugfs: %s", strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (!strcmp(line, "102 errno 3\n"))
			found = true;
	fclose(f);
	EXPECT_TRUE(found)
	{
		TH_LOG("no '102 errno 3' line in %s", path);
	}
}

#define TRACING "/sys/kernel/tracing/"

static int write_file(const char *path, const char *text)
{
	int fd, ret;

	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	close(fd);
	return ret;
}

TEST_F(sandbox, trace_event)
{
	const char *const enable = TRACING "events/ksentry/ksentry_decision/enable";
	struct ksentry_sandbox_info info;
	char want[64], line[512];
	int status, hits = 0;
	FILE *f;

	if (access(enable, F_OK))
		SKIP(return, "no tracefs event: %s", strerror(errno));
	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	ASSERT_EQ(0, sandbox_info(self->fd, &info));
	ASSERT_EQ(0, write_file(TRACING "trace", ""));
	ASSERT_EQ(0, write_file(enable, "1"));
	status = run_body(_metadata, self->fd, body_getuid_eacces);
	ASSERT_EQ(0, write_file(enable, "0"));
	ASSERT_TRUE(EXITED_WITH(BODY_OK, status));

	snprintf(want, sizeof(want), "sandbox=%llu ",
		 (unsigned long long)info.id);
	f = fopen(TRACING "trace", "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "ksentry_decision:") && strstr(line, want) &&
		    strstr(line, " arch=0xc000003e nr=102 action=0x4000d "))
			hits++;
	fclose(f);
	/* One getuid denied; the allowed calls leave no event. */
	EXPECT_EQ(1, hits);
}

TEST_F(sandbox, outside_tracer_cannot_switch_dispatch_off)
{
	struct sud_config config = { 0 };
	int release, status;
	pid_t pid;
	long ret;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	pid = spawn_held(&release);
	if (pid == 0)
		_exit(body_getuid_eacces());
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, sandbox_bind_pid(self->fd, pid));
	ASSERT_EQ(0, ptrace(PTRACE_SEIZE, pid, 0, 0));
	ASSERT_EQ(0, ptrace(PTRACE_INTERRUPT, pid, 0, 0));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));

	/* Even root outside may not read or rewrite a member's dispatch. */
	errno = 0;
	ret = ptrace(PTRACE_GET_SUD_CONFIG, pid, sizeof(config), &config);
	if (ret == -1 && errno == EIO) {
		/* Release first: a write to a dead reader's pipe is SIGPIPE. */
		release_child(release);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		SKIP(return, "no ptrace Syscall User Dispatch configuration");
	}
	EXPECT_EQ(-1, ret);
	EXPECT_EQ(EPERM, errno);
	errno = 0;
	EXPECT_EQ(-1, ptrace(PTRACE_SET_SUD_CONFIG, pid, sizeof(config),
			     &config));
	EXPECT_EQ(EPERM, errno);

	/* Still a member. */
	ASSERT_EQ(0, ptrace(PTRACE_DETACH, pid, 0, 0));
	release_child(release);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
}

/* The initial pid namespace, opened before the body starts. */
static int init_pidns = -1;

static int body_setns_out(void)
{
	int status;
	pid_t child;

	/*
	 * The kernel only lets a task enter its own pid namespace or one
	 * below it, so the way out is closed before ksentry is asked; the
	 * attempt changes nothing either.
	 */
	errno = 0;
	if (setns(init_pidns, CLONE_NEWPID) != -1 || errno != EINVAL)
		return BODY_WRONG + 1;
	child = fork();
	if (child == 0)
		_exit(syscall(__NR_getuid) == -1 && errno == EACCES ? 0 : 1);
	if (child < 0 || waitpid(child, &status, 0) != child)
		return BODY_ERROR + 2;
	return EXITED_WITH(0, status) ? BODY_OK : BODY_WRONG;
}

TEST_F(sandbox, setns_by_member_stays_member)
{
	int status;

	ASSERT_EQ(0, set_one(self->fd, __NR_getuid,
			     KSENTRY_ACT_ERRNO_OF(EACCES)));
	init_pidns = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, init_pidns);
	status = run_body(_metadata, self->fd, body_setns_out);
	close(init_pidns);
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status))
	{
		TH_LOG("status %#x", status);
	}
}

static int body_getpid_5(void)
{
	int i;

	for (i = 0; i < 5; i++)
		if (syscall(__NR_getpid) != 1)
			return BODY_WRONG;
	return BODY_OK;
}

/* How many sys_enter events of @pid for getpid the trace buffer holds. */
static int count_getpid_events(const pid_t pid)
{
	char line[512], want[64];
	int n = 0;
	FILE *f;

	f = fopen(TRACING "trace", "r");
	if (!f)
		return -1;
	snprintf(want, sizeof(want), "-%d ", pid);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, want) && strstr(line, "NR 39 "))
			n++;
	fclose(f);
	return n;
}

/* An emulated call is seen by raw_syscalls:sys_enter, as on the host. */
TEST_F(sandbox, emulated_calls_reach_the_sys_enter_tracepoint)
{
	int release, status;
	pid_t pid;

	if (access(TRACING "events/raw_syscalls/sys_enter/enable", W_OK))
		SKIP(return, "no raw_syscalls:sys_enter in tracefs");
	ASSERT_EQ(0, set_one(self->fd, __NR_getpid,
			     KSENTRY_ACT_EMULATE_OF(KSENTRY_EMU_GETPID)));
	ASSERT_EQ(0, write_file(TRACING "tracing_on", "0"));
	ASSERT_EQ(0, write_file(TRACING "trace", ""));
	ASSERT_EQ(0, write_file(TRACING "events/raw_syscalls/sys_enter/filter",
				"id == 39"));
	ASSERT_EQ(0, write_file(TRACING "events/raw_syscalls/sys_enter/enable", "1"));
	ASSERT_EQ(0, write_file(TRACING "tracing_on", "1"));
	pid = spawn_held(&release);
	if (pid == 0)
		_exit(body_getpid_5());
	ASSERT_LT(0, pid);
	EXPECT_EQ(0, sandbox_bind_pid(self->fd, pid));
	release_child(release);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	write_file(TRACING "tracing_on", "0");
	write_file(TRACING "events/raw_syscalls/sys_enter/enable", "0");
	write_file(TRACING "events/raw_syscalls/sys_enter/filter", "0");
	EXPECT_TRUE(EXITED_WITH(BODY_OK, status));
	EXPECT_LE(5, count_getpid_events(pid));
	write_file(TRACING "trace", "");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--probe-getuid")) {
		errno = 0;
		return syscall(__NR_getuid) == -1 && errno == EACCES ?
		       BODY_OK : BODY_WRONG;
	}
	return test_harness_run(argc, argv);
}
