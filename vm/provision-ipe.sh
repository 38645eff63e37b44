#!/bin/sh
# The IPE boots' initramfs step: the IPE policies signed with the test CA the
# kernel trusts (/host/*.p7s) go next to test_progs, whose signed_policy
# subtests load them into IPE through securityfs. On a kernel booted with
# bpf.keyring_unsealed=1 the .bpf keyring is provisioned first
# (provision-bpf-keyring.sh, copied in beside this script).
set -e
if [ "$(cat /sys/module/bpf/parameters/keyring_unsealed)" = Y ]; then
	sh /host/provision-bpf-keyring.sh /host/*.der
fi
[ -d /sys/kernel/security/ipe ] || { echo "provision: no IPE in this kernel (lsm=)"; exit 1; }
cp /host/*.p7s /selftests/
echo "provision: $(ls /host/*.p7s | wc -l) signed IPE policies next to test_progs"
