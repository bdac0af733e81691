/* sitmap-user-agent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-user-agent"
#include "config.h"

#include <libsoup/soup.h>
#include <shumate/shumate.h>

#include "sitmap-user-agent.h"

/* libshumate (1.0 to 1.7 at least) built with libsoup 3 gives the SoupSession of each
 * ShumateTileDownloader the user agent "libshumate/VERSION" and ignores shumate_set_user_agent().
 * The session is private to the downloader, so the agent is corrected where every session passes:
 * SoupSession::request-queued, which libsoup emits before it writes the User-Agent header. */
static gboolean
request_queued_cb (GSignalInvocationHint *hint, guint n_values, const GValue *values, gpointer user_data)
{
  GObject *session = g_value_get_object (&values[0]);
  g_autofree char *agent = NULL;

  g_object_get (session, "user-agent", &agent, NULL);
  /* Only libshumate's sessions: Sitmap's own (the download of a linked file) name themselves already. */
  if (agent == NULL || g_str_has_prefix (agent, "libshumate/"))
    g_object_set (session, "user-agent", SITMAP_USER_AGENT, NULL);
  return TRUE;
}

static void
correct_libshumate_sessions (void)
{
  guint signal_id;

  /* Signals are only known once their class exists; the reference is kept for the program's life. */
  g_type_class_ref (SOUP_TYPE_SESSION);
  signal_id = g_signal_lookup ("request-queued", SOUP_TYPE_SESSION);
  g_signal_add_emission_hook (signal_id, 0, request_queued_cb, NULL, NULL);
}

void
sitmap_user_agent_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      shumate_set_user_agent (SITMAP_USER_AGENT);
      correct_libshumate_sessions ();
      g_once_init_leave (&installed, 1);
    }
}
