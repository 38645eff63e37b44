# Common paths and helpers, sourced by every script in scripts/.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
CACHE=${SIGNED_BPF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/signed-bpf}
TREE=${TREE:-$BUILD/linux}	# git work tree: base commit + the series
PATCHES=${PATCHES:-$TOP/patches}	# the series, as git format-patch output
KOUT=${KOUT:-$BUILD/kbuild}	# kernel build output (O=)
TOOLS_OUT=${TOOLS_OUT:-$BUILD/tools}	# libbpf and bpftool
ST_OUT=${ST_OUT:-$BUILD/selftests}	# test_progs and its BPF objects
VM_OUT=$BUILD/vm		# initramfs staging and images
JOBS=${JOBS:-$(( $(nproc) + 1 ))}
# The identity the work tree's commits are made with when the checkout has no
# git identity of its own (a fresh machine): the project's, which signs off
# every patch.
PROJECT_NAME="Seed fdcf5dc4 maintainers"
PROJECT_EMAIL="maintainers@users.noreply.h-seed-fdcf5dc4.example"

export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
export KBUILD_BUILD_USER=signed-bpf KBUILD_BUILD_HOST=vm
export KBUILD_BUILD_TIMESTAMP='2025-01-01'

# shellcheck source=../config/base.conf
. "${BASE_CONF:-$TOP/config/base.conf}"

say()  { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

need_tree()
{
	[ -e "$TREE/.git" ] || die "no kernel work tree at $TREE; run 'make tree' first"
}

# The root commit of the work tree is the unmodified base.
tree_base()
{
	git -C "$TREE" rev-list --max-parents=0 HEAD
}

# Patch ids of the work tree's commits. make-tree and export record them in
# $TREE/.git/series-applied: commits with those ids came from patches/ (of
# then), so resetting the tree loses nothing of them.
APPLIED=$TREE/.git/series-applied

tree_patch_ids()
{
	local commit

	for commit in $(git -C "$TREE" rev-list "$(tree_base)..HEAD"); do
		git -C "$TREE" show "$commit" | git patch-id --stable | cut -d' ' -f1
	done
}

record_applied()
{
	tree_patch_ids > "$APPLIED"
}

# git_identity REPO: commits in a kernel tree are made with the checkout's
# git identity, or with the project's on a machine that has none: 'git am'
# needs a committer, and the patches keep their own author either way.
git_identity()
{
	local name email

	name=$(git -C "$TOP" config user.name || echo "$PROJECT_NAME")
	email=$(git -C "$TOP" config user.email || echo "$PROJECT_EMAIL")
	git -C "$1" config user.name "$name"
	git -C "$1" config user.email "$email"
}

# no_auto_gc REPO: the tooling's repositories are scratch copies of a kernel
# tree. git's automatic gc starts in the background once enough loose
# objects pile up, which in a freshly committed tree is at the first
# 'git am'; there it raced 'git am' for the index ("unable to write index
# file") on a newcomer's first 'make demo'. Never gc them automatically.
no_auto_gc()
{
	git -C "$1" config gc.auto 0
	git -C "$1" config maintenance.auto false
}

# scratch_repo DIR: a new repository in DIR for the tooling's kernel trees,
# committing as git_identity says, with no automatic gc
scratch_repo()
{
	git -C "$1" init -q -b main
	git_identity "$1"
	no_auto_gc "$1"
}

# unignore_sources REPO: Debian's packaging adds '/*' to the top-level
# .gitignore, which hides new files anywhere in the tree from 'git status'
# and 'git add'. Drop those lines from the working copy only and tell git to
# leave that file alone, so the base commit stays byte-identical to the
# package.
unignore_sources()
{
	git -C "$1" update-index --skip-worktree .gitignore
	sed -i '/^# Debian packaging/,$d' "$1/.gitignore"
}

# config/selftests.list: one prog_tests/<file>.c per line, optionally
# followed by the names of the tests in it to run (default: <file>), and
# 'key: value' lines.
selftests_lines()
{
	sed -e 's/#.*//' -e '/^[a-z_]*:/d' "$TOP/config/selftests.list" | awk 'NF'
}

selftests_files()
{
	selftests_lines | awk '{ print $1 }'
}

selftests_tests()
{
	selftests_lines | awk '{ if (NF == 1) print $1; else for (i = 2; i <= NF; i++) print $i }'
}

selftests_key()		# selftests_key progs|files|extras|deny|regress|BOOT_boot
{
	sed -n -e 's/#.*//' -e "s/^$1:[[:space:]]*//p" "$TOP/config/selftests.list" |
		sed 's/[[:space:]]*$//'
}

# sign_detached IN OUT KEY CERT [OPTION...]: a detached PKCS#7 signature
# (DER unless an -outform OPTION says otherwise) of IN, as bpftool -S makes
# it for BPF_PROG_LOAD: no attributes, no certificates, the signer named by
# its key identifier, SHA-256. The OPTIONs go to openssl cms.
sign_detached()
{
	local in=$1 out=$2 key=$3 cert=$4

	shift 4
	openssl cms -sign -binary -noattr -nocerts -nosmimecap -md sha256 -keyid \
		-in "$in" -inkey "$key" -signer "$cert" -outform DER -out "$out" "$@"
}

# bpf_testmod.ko of TREE, built for the kernel in KOUT: a module loads only
# into the kernel whose BTF it was built against
build_testmod()	# build_testmod TREE KOUT DIR
{
	rm -rf "$3" && mkdir -p "$3"
	cp "$1"/tools/testing/selftests/bpf/bpf_testmod/*.[ch] "$3/"
	# shellcheck disable=SC2016
	printf 'obj-m += bpf_testmod.o\nCFLAGS_bpf_testmod.o = -I$(src)\n' > "$3/Kbuild"
	make -C "$1" O="$2" M="$3" CC="ccache gcc" HOSTCC="ccache gcc" -s modules ||
		die "building bpf_testmod.ko for $2 failed"
}

# The unpatched base as a worktree of the work tree, at its root commit, laid
# out like build/linux so that ccache shares objects: 'make bench', 'make
# sanitize' and 'make regress' build the base kernel from it.
BASE_TREE=$BUILD/base/linux
base_worktree()
{
	if [ ! -e "$BASE_TREE/.git" ]; then
		mkdir -p "$(dirname "$BASE_TREE")"
		git -C "$TREE" worktree add -q --detach "$BASE_TREE" "$(tree_base)"
	fi
	git -C "$BASE_TREE" checkout -q --detach "$(tree_base)"
}

# The unpatched base kernel in BASE_KOUT, same config as the patched one:
# build-kernel.sh reconfigures when config/vm.config changed and builds what
# is stale. 'make bench' and 'make regress' compare against it.
BASE_KOUT=$BUILD/base/kbuild	# next to BASE_TREE, so that ccache shares objects
build_base_kernel()
{
	base_worktree
	TREE=$BASE_TREE KOUT=$BASE_KOUT "$TOP/scripts/build-kernel.sh"
}

# The test CA the VM kernel trusts: build-kernel.sh puts its certificate in
# the builtin keyring (CONFIG_SYSTEM_TRUSTED_KEYS), so that IPE accepts the
# policies it signs (ipe_sign_policy). Made once per build/ directory.
IPE_CA_KEY=$BUILD/keys/ipe-test-ca.key
IPE_CA_CERT=$BUILD/keys/ipe-test-ca.pem
ipe_test_ca()
{
	[ -s "$IPE_CA_KEY" ] && [ -s "$IPE_CA_CERT" ] && return 0
	mkdir -p "$(dirname "$IPE_CA_KEY")"
	openssl req -new -x509 -newkey rsa:2048 -nodes -days 36500 -sha256 \
		-subj "/CN=signed-bpf IPE policy test CA" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,digitalSignature,keyCertSign" \
		-keyout "$IPE_CA_KEY" -out "$IPE_CA_CERT" 2>/dev/null ||
		die "openssl could not make the IPE test CA in $(dirname "$IPE_CA_KEY")"
}

# ipe_sign_policy POLICY OUT: the PKCS#7 IPE's securityfs new_policy takes
ipe_sign_policy()
{
	ipe_test_ca
	openssl smime -sign -in "$1" -signer "$IPE_CA_CERT" -inkey "$IPE_CA_KEY" \
		-noattr -nodetach -nosmimecap -binary -outform der -out "$2" ||
		die "openssl could not sign the IPE policy $1"
}
