#!/bin/bash
# Build the VM kernel (bzImage and vmlinux with BTF) from the work tree with
# config/vm.config merged onto tinyconfig. Output in build/kbuild.
# KERNEL_FRAGMENTS (paths, in merge order) replaces config/vm.config, and
# TREE and KOUT the tree and output: scripts/sanitize.sh builds with
# config/sanitizer.config too, into build/sanitizer.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need_tree

read -r -a fragments <<< "${KERNEL_FRAGMENTS:-$TOP/config/vm.config}"
# Trees laid out alike under build/ (linux + kbuild, base/linux + base/kbuild)
# share cache entries: ccache hashes paths relative to build/. Only for the
# kernel, whose dependency files kbuild rewrites with fixdep: the tools'
# Makefiles would read the relative paths ccache leaves in theirs.
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
kmake() { make -C "$TREE" O="$KOUT" CC="ccache gcc" HOSTCC="ccache gcc" -s "$@"; }

# Every setting of the fragments must survive olddefconfig; a dependency
# that is not met drops an option silently otherwise. A later fragment's
# setting of a symbol, "# CONFIG_X is not set" included, replaces an
# earlier one's.
wanted_config()
{
	cat "${fragments[@]}" | sed -nE \
		-e 's/^(CONFIG_[A-Za-z0-9_]+)=.*/\1 &/p' \
		-e 's/^# (CONFIG_[A-Za-z0-9_]+) is not set$/\1 &/p' |
		awk '{ sym = $1; $1 = ""; want[sym] = substr($0, 2); if (!(sym in seen)) order[n++] = sym; seen[sym] = 1 }
		     END { for (i = 0; i < n; i++) print want[order[i]] }'
}

check_config()
{
	local line sym missing=0

	while read -r line; do
		case $line in
		"# CONFIG_"*" is not set")
			sym=${line#\# }; sym=${sym%% *}
			grep -q "^$sym=" "$KOUT/.config" || continue ;;
		*)
			grep -qxF -- "$line" "$KOUT/.config" && continue
			sym=${line%%=*} ;;
		esac
		echo "config: wanted '$line', got '$(grep "^$sym=\|# $sym " "$KOUT/.config")'" >&2
		missing=1
	done < <(wanted_config)
	[ $missing = 0 ] || die "${fragments[*]#$TOP/}: not satisfiable as written"
}

configure()
{
	mkdir -p "$KOUT"
	kmake tinyconfig >/dev/null
	"$TREE/scripts/kconfig/merge_config.sh" -m -O "$KOUT" "$KOUT/.config" "${fragments[@]}" >/dev/null
	kmake olddefconfig >/dev/null
	check_config
	cat "${fragments[@]}" > "$KOUT/.fragment"
}

# Reconfigure only when the fragments changed, so incremental builds stay incremental.
if ! cmp -s <(cat "${fragments[@]}") "$KOUT/.fragment" 2>/dev/null; then
	say "configuring the kernel from ${fragments[*]#$TOP/}"
	configure
fi
# CONFIG_SYSTEM_TRUSTED_KEYS names this file, relative to the build output.
ipe_test_ca
mkdir -p "$KOUT"
cmp -s "$IPE_CA_CERT" "$KOUT/ipe-test-ca.pem" || cp "$IPE_CA_CERT" "$KOUT/ipe-test-ca.pem"
# 'modules' (none are configured) writes Module.symvers, which the
# selftests' bpf_testmod.ko is linked against.
say "building the kernel (make -j$JOBS bzImage modules)"
kmake -j"$JOBS" bzImage modules
say "kernel: $KOUT/arch/x86/boot/bzImage"
