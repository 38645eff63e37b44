# Signed BPF programs for Linux 6.12: the one entry point.
# 'make help' lists the targets; the README walks through them.

S := scripts
TREE_STAMP := build/linux/.git/series-applied

.PHONY: help deps tree export kernel tools libbpf selftests initramfs example \
	demo test check checkpatch bench fuzz sanitize regress configs debian debian-check stable \
	vm-run clean

help:
	@echo "make demo        build everything and run the example in the VM (the main job)"
	@echo "make test        build what is stale and run every test: 'N passed, N failed'"
	@echo "make deps        install the Debian packages the project needs"
	@echo "make tree        create build/linux: the base plus patches/ as commits"
	@echo "make export      write build/linux's commits back to patches/"
	@echo "make kernel      build the VM kernel from config/vm.config"
	@echo "make tools       build libbpf and bpftool"
	@echo "make libbpf      the series' libbpf as a standalone libbpf for applications (build/libbpf; LIBBPF_OUT=DIR)"
	@echo "make selftests   build test_progs for config/selftests.list"
	@echo "make initramfs   pack the VM's initramfs"
	@echo "make vm-run CMD='...'  run a command or a host binary in the VM"
	@echo "make check       every patch applies, passes checkpatch --strict and builds; docs add no warning"
	@echo "make checkpatch  the first half of 'make check': apply, checkpatch, kernel-doc (CI runs it)"
	@echo "make bench       benchmarks: map hashing, program load time vs the base kernel"
	@echo "make fuzz        the bpf() fuzzer in the VM: 1000000 calls (SEED=, CALLS=, SECONDS=)"
	@echo "make sanitize    KASAN/lockdep/kmemleak kernels, patched and base: no new report"
	@echo "make regress     test_verifier and test_progs on the base and patched kernels: no regression"
	@echo "make configs     the series under Debian's amd64 config, arm64, i386, and keys/verification/BPF LSM off"
	@echo "make debian      the series in Debian's kernel packaging layout, in build/debian (DEBIAN_OUT=DIR)"
	@echo "make debian-check  Debian's linux-6.12 source + its patches + the series by quilt == build/linux"
	@echo "make stable      try the series on the newest 6.12 Debian serves; PIN=1 moves the pin and runs the tests"
	@echo "make clean       remove build/ unless it holds unexported work (FORCE=1); caches stay"

deps:
	@$(S)/deps.sh

# The work tree is (re)made when the series changes; make-tree.sh refuses
# to throw away work that was not exported.
$(TREE_STAMP): patches/series $(wildcard patches/*.patch) config/base.conf
	@$(S)/make-tree.sh
	@touch $@

tree:
	@$(S)/make-tree.sh
	@touch $(TREE_STAMP)

export:
	@$(S)/export-series.sh
	@touch $(TREE_STAMP)

kernel: deps $(TREE_STAMP)
	@$(S)/build-kernel.sh

tools: deps $(TREE_STAMP)
	@$(S)/build-tools.sh

selftests: kernel
	@$(S)/build-selftests.sh

initramfs: selftests tools
	@$(S)/mkinitramfs.sh

example: kernel tools
	@$(S)/build-example.sh

demo: example initramfs
	@$(S)/demo.sh

test: initramfs example
	@$(S)/run-tests.sh

vm-run: kernel initramfs
	@$(S)/vm-run.sh -- $(CMD)

check: deps $(TREE_STAMP)
	@$(S)/check-series.sh

checkpatch: deps $(TREE_STAMP)
	@$(S)/check-series.sh --checkpatch

bench: kernel initramfs example
	@$(S)/bench.sh

regress: kernel initramfs
	@$(S)/regress.sh

configs: deps $(TREE_STAMP) initramfs
	@$(S)/build-configs.sh $(CONFIGS)

sanitize: initramfs example
	@$(S)/fuzz.sh -n 0 -t 1 >/dev/null
	@$(S)/sanitize.sh

# make fuzz [SEED=N] [CALLS=N] [SECONDS=N]
fuzz: kernel initramfs example
	@$(S)/fuzz.sh $(if $(SEED),-s $(SEED)) $(if $(CALLS),-n $(CALLS)) $(if $(SECONDS),-t $(SECONDS))

# The series' libbpf in libbpf's own layout, which application authors build
# their signed light skeletons with (LIBBPF_OUT=DIR exports elsewhere).
libbpf: deps $(TREE_STAMP)
	@$(S)/export-libbpf.sh

# The export reads patches/ only; it needs neither the tree nor packages.
debian:
	@$(S)/export-debian.sh $(DEBIAN_OUT)

debian-check: deps $(TREE_STAMP)
	@$(S)/check-debian.sh

# Debian's 6.12 stable updates: report, and with PIN=1 move the base to the
# newest (STABLE_VERSION=V picks another).
stable: deps
	@$(S)/follow-stable.sh

# Like 'make tree', refuses to throw away work in build/linux that patches/
# lacks; FORCE=1 overrides.
clean:
	@if [ -d build/linux/.git ] && [ "$(FORCE)" != 1 ] && ! $(S)/series-state.sh; then \
		echo "make clean: build/linux holds work that patches/ lacks: 'make export' first, or 'make clean FORCE=1'" >&2; \
		exit 1; \
	fi
	rm -rf build
