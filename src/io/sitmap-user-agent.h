/* sitmap-user-agent.h: how Sitmap names itself to tile servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* OpenStreetMap's tile usage policy asks every application to name itself, and a way to reach it. */
#define SITMAP_USER_AGENT "Sitmap/" PACKAGE_VERSION " (+https://github.com/sitmap/sitmap)"

/* Makes every tile download send SITMAP_USER_AGENT. Call before the first tile source is made;
 * calling again does nothing. */
void sitmap_user_agent_install (void);

G_END_DECLS
