/* sitmap-plain-toast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sitmap-plain-toast.h"

AdwToast *
sitmap_plain_toast_new (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

#if ADW_CHECK_VERSION(1, 4, 0)
  {
    AdwToast *toast = adw_toast_new (text);

    adw_toast_set_use_markup (toast, FALSE);
    return toast;
  }
#else
  {
    g_autofree char *escaped = g_markup_escape_text (text, -1);

    return adw_toast_new (escaped);
  }
#endif
}
