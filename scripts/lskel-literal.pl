#!/usr/bin/perl
# Print the bytes of a generated light skeleton's string literal NAME[]
# (opts_insn, opts_data, opts_sig, opts_excl_hash), decoded the way a C
# compiler does, independently of bpftool's own reader:
#   lskel-literal.pl NAME < HEADER > BYTES
use strict;
use warnings;

my $name = shift or die "usage: lskel-literal.pl NAME < header > bytes\n";
local $/;
my $h = <STDIN>;
$h =~ /\b\Q$name\E\[\][^=]*=\s*"(.*?)";/s or die "lskel-literal.pl: no $name\[\] in the header\n";
my $s = $1;
$s =~ s/\\\n//g;
$s =~ s/\\x([0-9a-fA-F]{1,2})|\\([0-7]{1,3})|\\(.)/
	defined $1 ? chr(hex $1) : defined $2 ? chr(oct $2) : $3/ge;
binmode STDOUT;
print $s;
