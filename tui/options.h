/*
 * options.h: the command line, parsed in one place from declarative
 * tables (as git's parse-options and notmuch's option descriptors do).
 * Each subcommand describes its options in a table of struct option that
 * names a field of the command's own options struct; options_parse()
 * fills that struct, handles what every command takes (--db, --read-only,
 * --help) and hands back the other arguments in order. The same table
 * writes the command's --help and its man-page section.
 */
#ifndef VEDTAK_OPTIONS_H
#define VEDTAK_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct settings;

enum option_type {
	OPTION_END,
	OPTION_FLAG,   /* bool */
	OPTION_STRING, /* const char *, pointing into argv */
	OPTION_COUNT,  /* size_t: a whole number, 0 or more */
	OPTION_MS,     /* long: milliseconds, 1 or more */
	OPTION_CHOICE, /* int: the index in `choices` */
};

struct option {
	enum option_type type;
	const char *name;	    /* the long name, without "--" */
	char short_name;	    /* 0: none */
	size_t offset;		    /* where the value goes in the command's options struct */
	const char *arg;	    /* the value's name in --help ("N", "FILE") */
	const char *help;	    /* one line, N_() */
	const char *const *choices; /* OPTION_CHOICE: NULL-ended */
};

#define OPT_FLAG(n, s, type, field, help)                                                                    \
	{                                                                                                    \
		OPTION_FLAG, n, s, offsetof(type, field), NULL, help, NULL                                   \
	}
#define OPT_STRING(n, type, field, arg, help)                                                                \
	{                                                                                                    \
		OPTION_STRING, n, 0, offsetof(type, field), arg, help, NULL                                  \
	}
#define OPT_COUNT(n, type, field, arg, help)                                                                 \
	{                                                                                                    \
		OPTION_COUNT, n, 0, offsetof(type, field), arg, help, NULL                                   \
	}
#define OPT_MS(n, type, field, help)                                                                         \
	{                                                                                                    \
		OPTION_MS, n, 0, offsetof(type, field), "MS", help, NULL                                     \
	}
#define OPT_CHOICE(n, type, field, choices, arg, help)                                                       \
	{                                                                                                    \
		OPTION_CHOICE, n, 0, offsetof(type, field), arg, help, choices                               \
	}
#define OPT_END                                                                                              \
	{                                                                                                    \
		OPTION_END, NULL, 0, 0, NULL, NULL, NULL                                                     \
	}

/* How a command takes the words that are not its options. */
enum args_kind {
	ARGS_NONE,  /* no arguments but options */
	ARGS_WORDS, /* "-x" that is no option is an error */
	ARGS_QUERY, /* "-word" that is no option is a word of the query (a negation) */
};

struct command_spec {
	const char *name;
	const char *usage;   /* the arguments after the name */
	const char *summary; /* one line, N_(); NULL: a hidden command */
	const char *help;    /* what follows the options in --help, N_() or "" */
	const struct option *options;
	enum args_kind args;
};

/*
 * Parses argv[1..argc) of command `spec` into `values` (the command's
 * options struct, already holding its defaults) and `settings`; the other
 * arguments, in order, go to args[0..*nargs) (argv's strings, not copied;
 * `args` has room for argc); *nplain (may be NULL) says how many came
 * before a "--" (all of them without one). Returns OPTIONS_GO_ON, or the status to exit
 * with: 0 after --help (printed), 2 on a usage error (said on stderr).
 */
#define OPTIONS_GO_ON (-1)
int options_parse(const struct command_spec *spec, struct settings *settings, void *values, int argc,
		  char **argv, char **args, size_t *nargs, size_t *nplain);

/* A command's --help: usage, summary, its options and what follows. */
void options_help(FILE *f, const struct command_spec *spec);

/* The options of `spec` as troff paragraphs, for the man page. */
void options_man(FILE *f, const struct command_spec *spec);

#endif
