#!/usr/bin/perl
# Flip one bit of one byte of a light skeleton's embedded array, as an
# untrusted host could: tamper-lskel.pl ARRAY < IN.lskel.h > OUT.lskel.h
# ARRAY is opts_insn (the loader) or opts_data (the metadata blob); the byte
# changed is the first \xNN escape of the array's second line.
use strict;
use warnings;

my $array = shift or die "usage: tamper-lskel.pl opts_insn|opts_data < in > out\n";
my ($state, $done) = (0, 0);
while (my $line = <STDIN>) {
	if ($state == 0 && $line =~ /\b\Q$array\E\[\]/) {
		$state = 1;
	} elsif ($state == 1) {
		$state = 2;
	} elsif ($state == 2 && !$done &&
		 $line =~ s/\\x([0-9a-f]{2})/sprintf("\\x%02x", hex($1) ^ 1)/e) {
		$done = 1;
	}
	print $line;
}
die "tamper-lskel.pl: no $array array to change\n" unless $done;
