#!/usr/bin/perl
# Flip one bit of one byte of a light skeleton's embedded array, as an
# untrusted host could: tamper-lskel.pl ARRAY < IN.lskel.h > OUT.lskel.h
# ARRAY is opts_insn (the loader) or opts_data (the metadata blob); the byte
# changed is the first \xNN escape from the array's second line on.
#
# A host that changes the loader also makes the metadata map exclusive to
# the changed loader, or the kernel would refuse it for that (-EACCES) before
# looking at the signature: with opts_insn, opts_excl_hash becomes the
# changed loader's SHA-256, so that only the signature check is left to
# refuse it.
use strict;
use warnings;
use Digest::SHA qw(sha256);

my $array = shift or die "usage: tamper-lskel.pl opts_insn|opts_data < in > out\n";
my @lines = <STDIN>;

# array_lines NAME: indexes of the lines that hold NAME's string literal
sub array_lines {
	my ($name) = @_;
	my ($first, $last);
	for my $i (0 .. $#lines) {
		if (!defined $first && $lines[$i] =~ /\b\Q$name\E\[\]/) {
			$first = $i + 1;
		} elsif (defined $first && $lines[$i] =~ /";\s*$/) {
			$last = $i;
			last;
		}
	}
	return defined $last ? ($first .. $last) : ();
}

# bytes LINES: the bytes a C string literal spread over LINES holds
sub bytes {
	my $s = join('', map { my $l = $lines[$_]; $l =~ s/\\\n$//; $l =~ s/";\s*$//; $l } @_);
	$s =~ s/\\x([0-9a-f]{2})|\\0/defined $1 ? chr(hex($1)) : "\0"/ge;
	return $s;
}

my @target = array_lines($array);
die "tamper-lskel.pl: no $array array to change\n" unless @target > 1;
my $changed;
for my $i (@target[1 .. $#target]) {
	next unless $lines[$i] =~ s/\\x([0-9a-f]{2})/sprintf("\\x%02x", hex($1) ^ 1)/e;
	$changed = $i;
	last;
}
die "tamper-lskel.pl: no byte to change in $array\n" unless defined $changed;

if ($array eq 'opts_insn') {
	my @hash = array_lines('opts_excl_hash');
	die "tamper-lskel.pl: no opts_excl_hash: not a signed light skeleton\n" unless @hash;
	my $hex = join('', map { sprintf("\\x%02x", $_) } unpack('C*', sha256(bytes(@target))));
	splice(@lines, $hash[0], scalar(@hash), "$hex\";\n");
}
print @lines;
