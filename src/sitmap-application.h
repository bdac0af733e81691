/* sitmap-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SITMAP_TYPE_APPLICATION (sitmap_application_get_type ())
G_DECLARE_FINAL_TYPE (SitmapApplication, sitmap_application, SITMAP, APPLICATION, AdwApplication)

SitmapApplication *sitmap_application_new (void);
/* The bundled demo document, central and eastern Syria in late 2024. */
GFile             *sitmap_application_dup_demo_file (void);
/* Sitmap's settings, or NULL when the schema is not installed (a build run without meson devenv):
 * Sitmap then works, and only forgets. */
GSettings         *sitmap_application_dup_settings (void);

G_END_DECLS
