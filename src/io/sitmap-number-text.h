/* sitmap-number-text.h: numbers written by the writers as text that reads back exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The shortest decimal form of value ("%.15g" to "%.17g", in the C locale) that reads back as exactly the
 * same double, written into buffer and returned. */
const char *sitmap_number_text_format (double value, char buffer[G_ASCII_DTOSTR_BUF_SIZE]);

G_END_DECLS
