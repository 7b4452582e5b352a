#ifndef ATTEST_CLIBEDIT_SHIM_H
#define ATTEST_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <wchar.h>

#endif
