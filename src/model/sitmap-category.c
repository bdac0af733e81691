/* sitmap-category.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-category"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-category.h"

/* The ids are Sitmap's file format: never rename one. */
static const struct
{
  const char *id;
  const char *label;
  const char *color;
} categories[SITMAP_N_CATEGORIES] = {
  [SITMAP_CATEGORY_BATTLE] = { "battle", N_("Battle"), "#d55e00" },
  [SITMAP_CATEGORY_REMOTE_VIOLENCE] = { "remote-violence", N_("Strike or remote violence"), "#e69f00" },
  [SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS] = { "violence-against-civilians", N_("Violence against civilians"),
                                                   "#cc79a7" },
  [SITMAP_CATEGORY_PROTEST] = { "protest", N_("Protest"), "#0072b2" },
  [SITMAP_CATEGORY_RIOT] = { "riot", N_("Riot"), "#56b4e9" },
  [SITMAP_CATEGORY_STRATEGIC] = { "strategic", N_("Strategic development"), "#009e73" },
  [SITMAP_CATEGORY_STATEMENT] = { "statement", N_("Statement"), "#f0e442" },
  [SITMAP_CATEGORY_CONTEXT] = { "context", N_("Standing fact"), "#8c8c8c" },
  [SITMAP_CATEGORY_OTHER] = { "other", N_("Other"), "#4d4d4d" },
};

const char *
sitmap_category_to_id (SitmapCategory category)
{
  g_return_val_if_fail (category < SITMAP_N_CATEGORIES, "other");
  return categories[category].id;
}

gboolean
sitmap_category_from_id (const char *id, SitmapCategory *category)
{
  for (guint i = 0; i < SITMAP_N_CATEGORIES; i++)
    if (g_strcmp0 (id, categories[i].id) == 0)
      {
        *category = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_category_get_label (SitmapCategory category)
{
  g_return_val_if_fail (category < SITMAP_N_CATEGORIES, _("Other"));
  return _(categories[category].label);
}

gboolean
sitmap_category_from_text (const char *text, SitmapCategory *category)
{
  /* ACLED's event types (and their older names), and the plural forms feeds use */
  static const struct
  {
    const char    *text;
    SitmapCategory category;
  } names[] = {
    { "battles", SITMAP_CATEGORY_BATTLE },
    { "explosions/remote violence", SITMAP_CATEGORY_REMOTE_VIOLENCE },
    { "remote violence", SITMAP_CATEGORY_REMOTE_VIOLENCE },
    { "protests", SITMAP_CATEGORY_PROTEST },
    { "riots", SITMAP_CATEGORY_RIOT },
    { "riots/protests", SITMAP_CATEGORY_RIOT },
    { "strategic developments", SITMAP_CATEGORY_STRATEGIC },
    { "violence against civilians", SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS },
  };
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  for (guint i = 0; i < SITMAP_N_CATEGORIES; i++)
    if (g_ascii_strcasecmp (trimmed, categories[i].id) == 0 || g_ascii_strcasecmp (trimmed, categories[i].label) == 0)
      {
        *category = i;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (trimmed, names[i].text) == 0)
      {
        *category = names[i].category;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_category_get_color (SitmapCategory category)
{
  g_return_val_if_fail (category < SITMAP_N_CATEGORIES, categories[SITMAP_CATEGORY_OTHER].color);
  return categories[category].color;
}
