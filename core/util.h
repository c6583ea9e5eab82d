/*
 * util.h: allocation wrappers that abort on out-of-memory, and the small
 * array-growing helper every module uses.
 */
#ifndef VEDTAK_UTIL_H
#define VEDTAK_UTIL_H

#include <stddef.h>

/* Says that `n` bytes could not be had, and aborts. */
_Noreturn void die_oom(size_t n);
/* Allocate or abort; never return NULL. The caller frees with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Copies of a string (NULL gives NULL); the caller frees them. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A malloc'ed printf; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Grow array `x` of `nr` used elements so that it holds at least `want`,
 * doubling `alloc` as git's ALLOC_GROW does.
 */
#define ALLOC_GROW(x, want, alloc)                                                                           \
	do {                                                                                                 \
		if ((size_t)(want) > (alloc)) {                                                              \
			size_t alloc_new_ = (alloc) ? (alloc)*2 : 8;                                         \
			if (alloc_new_ < (size_t)(want))                                                     \
				alloc_new_ = (want);                                                         \
			(x) = xrealloc((x), alloc_new_ * sizeof(*(x)));                                      \
			(alloc) = alloc_new_;                                                                \
		}                                                                                            \
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
