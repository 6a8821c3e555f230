#!/bin/sh
# Write the nlp(1) man page from the command's own help texts:
#   manpage.sh NLP_BINARY VERSION OUT.1
# One section for `nlp --help`, then each command's and subcommand's --help
# verbatim, so the page can never disagree with the program.
set -eu
nlp=$1 version=$2 out=$3
# roff-safe verbatim text: escape backslashes, protect leading . and '.
verbatim() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
commands() { sed -n '/^commands:/,/^$/p; /^subcommands:/,/^$/p' | awk 'NF && $1 !~ /:$/ {print $1}'; }
{
    printf '.TH NLP 1 "" "nlp %s" "User Commands"\n' "$version"
    printf '.SH NAME\nnlp \\- run and train BERT NER and T5 toxicity models from Hugging Face checkpoints\n'
    printf '.SH SYNOPSIS\n.B nlp\n[\\fB\\-\\-version\\fR] [\\fB\\-\\-help\\fR] \\fIcommand\\fR [\\fIargs\\fR]\n'
    printf '.SH DESCRIPTION\n.nf\n'
    "$nlp" --help | verbatim
    printf '.fi\n'
    for c in $("$nlp" --help | commands); do
        printf '.SH "NLP %s"\n.nf\n' "$(echo "$c" | tr a-z A-Z)"
        "$nlp" "$c" --help 2>&1 | verbatim
        printf '.fi\n'
        for s in $("$nlp" "$c" --help 2>&1 | sed -n '/^subcommands:/,/^$/p' | awk 'NF && $1 !~ /:$/ {print $1}'); do
            printf '.SS "nlp %s %s"\n.nf\n' "$c" "$s"
            "$nlp" "$c" "$s" --help 2>&1 | verbatim
            printf '.fi\n'
        done
    done
    printf '.SH "SEE ALSO"\nThe library reference is the header \\fI/usr/include/nlp/nlp.h\\fR.\n'
} > "$out"
