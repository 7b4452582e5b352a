#ifndef ATTEST_CLIBEDIT_SHIM_H
#define ATTEST_CLIBEDIT_SHIM_H

// Swift cannot call C variadic functions, so every el_wset/el_wget/history_w call the
// line editor needs is wrapped here in a fixed-signature static inline function (the way
// GRDB wraps sqlite3_config). Only LineEditor/LibEditLineReader.swift imports this module.

#include <histedit.h>
#include <locale.h>
#include <wchar.h>
#include <stdio.h>

/// The prompt callback type of the wide-character API.
typedef wchar_t *(*attest_el_wprompt_fn)(EditLine *);
/// The user-function callback type for EL_ADDFN.
typedef unsigned char (*attest_el_fn)(EditLine *, int);

/// Columns a character takes (wcwidth, declared by <wchar.h> only under _XOPEN_SOURCE), for measuring the line.
extern int wcwidth(wchar_t c);

static inline int attest_el_set_prompt_esc(EditLine *el, attest_el_wprompt_fn fn, wchar_t ignore) {
    return el_wset(el, EL_PROMPT_ESC, fn, ignore);
}

static inline int attest_el_set_rprompt_esc(EditLine *el, attest_el_wprompt_fn fn, wchar_t ignore) {
    return el_wset(el, EL_RPROMPT_ESC, fn, ignore);
}

static inline int attest_el_set_editor(EditLine *el, const wchar_t *mode) {
    return el_wset(el, EL_EDITOR, mode);
}

static inline int attest_el_set_terminal(EditLine *el, const char *type) {
    return el_set(el, EL_TERMINAL, type);
}

static inline int attest_el_set_signal(EditLine *el, int on) {
    return el_wset(el, EL_SIGNAL, on);
}

static inline int attest_el_set_hist(EditLine *el, HistoryW *history) {
    return el_wset(el, EL_HIST, history_w, history);
}

static inline int attest_el_add_function(EditLine *el, const wchar_t *name, const wchar_t *help, attest_el_fn fn) {
    return el_wset(el, EL_ADDFN, name, help, fn);
}

static inline int attest_el_bind(EditLine *el, const wchar_t *key, const wchar_t *function) {
    return el_wset(el, EL_BIND, key, function, (const wchar_t *)NULL);
}

/// Sets one edit-mode terminal flag, e.g. `attest_el_setty(el, L"-isig")` (the `-d` selects edit mode).
static inline int attest_el_setty_edit(EditLine *el, const wchar_t *flag) {
    return el_wset(el, EL_SETTY, L"-d", flag, (const wchar_t *)NULL);
}

/// Switches the terminal to libedit's edit mode (1) or back (0) now, rather than at the first key read.
static inline int attest_el_prep_term(EditLine *el, int on) {
    return el_wset(el, EL_PREP_TERM, on);
}

static inline int attest_el_set_getcfn(EditLine *el, el_rfunc_t fn) {
    return el_wset(el, EL_GETCFN, fn);
}

static inline int attest_el_set_clientdata(EditLine *el, void *data) {
    return el_wset(el, EL_CLIENTDATA, data);
}

static inline void *attest_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_wget(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

static inline int attest_history_setsize(HistoryW *h, int size) {
    HistEventW event;
    return history_w(h, &event, H_SETSIZE, size);
}

static inline int attest_history_setunique(HistoryW *h, int unique) {
    HistEventW event;
    return history_w(h, &event, H_SETUNIQUE, unique);
}

static inline int attest_history_enter(HistoryW *h, const wchar_t *line) {
    HistEventW event;
    return history_w(h, &event, H_ENTER, line);
}

static inline int attest_history_clear(HistoryW *h) {
    HistEventW event;
    return history_w(h, &event, H_CLEAR);
}

#endif
