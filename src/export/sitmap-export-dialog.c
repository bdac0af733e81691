/* sitmap-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-export-dialog.h"
#include "sitmap-export-file-chooser.h"

typedef struct
{
  SitmapExportInclude flag;
  const char         *key; /* in GSettings */
  const char         *title;
  const char         *subtitle;
} IncludeRow;

static const IncludeRow include_rows[] = {
  { SITMAP_EXPORT_LEGEND, "export-legend", N_ ("Legend"), N_ ("The categories shown, and what a symbol’s look says") },
  { SITMAP_EXPORT_SCALE_BAR, "export-scale-bar", N_ ("Scale bar"), NULL },
  { SITMAP_EXPORT_NORTH_ARROW, "export-north-arrow", N_ ("North arrow"), NULL },
  { SITMAP_EXPORT_TIMELINE, "export-timeline", N_ ("Timeline strip"), N_ ("The events along the time range") },
  { SITMAP_EXPORT_NOTES, "export-notes", N_ ("Numbered source notes"),
    N_ ("A number by each event, and below the map its title, date and sources") },
  { SITMAP_EXPORT_EXPORTED_ON, "export-exported-on", N_ ("“Exported on” line"),
    N_ ("The date, the document and Sitmap’s version") },
  { SITMAP_EXPORT_ANNOTATIONS, "export-annotations", N_ ("Annotations"), N_ ("When the annotation layer is shown") },
};

/* The values of export-format and export-size, in the order of SitmapExportFormat and SitmapExportSize,
 * which is the order of the dialog's rows; NULL-terminated, each the user data of its settings mapping. */
static const char *const format_nicks[] = { "png", "svg", "pdf", NULL };
static const char *const size_nicks[] = {
  "window", "hd", "4k", "a4-150", "a4-300", "letter-150", "letter-300", "custom", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (format_nicks) == SITMAP_N_EXPORT_FORMATS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (size_nicks) == SITMAP_N_EXPORT_SIZES + 1);

struct _SitmapExportDialog
{
  AdwWindow parent_instance;

  AdwComboRow         *format_row;
  GtkStringList       *format_list;
  AdwComboRow         *size_row;
  AdwActionRow        *online_row;
  GtkWidget           *export_button;
  GtkStringList       *size_list;
  AdwComboRow         *orientation_row;
  AdwActionRow        *width_row;
  AdwActionRow        *height_row;
  GtkSpinButton       *width_spin;
  GtkSpinButton       *height_spin;
  GtkSwitch           *title_switch;
  AdwEntryRow         *title_row;
  AdwEntryRow         *subtitle_row;
  AdwPreferencesGroup *include_group;
  GtkSwitch           *include_switches[G_N_ELEMENTS (include_rows)];

  SitmapExporter  *exporter;
  GSettings       *settings; /* the choices, kept from one export to the next; NULL without a schema */
};

G_DEFINE_FINAL_TYPE (SitmapExportDialog, sitmap_export_dialog, ADW_TYPE_WINDOW)

/*
 * Auxiliary methods
 */

static SitmapExportFormat
selected_format (SitmapExportDialog *self)
{
  return MIN (adw_combo_row_get_selected (self->format_row), SITMAP_N_EXPORT_FORMATS - 1);
}

static char *
dup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* The name the user gives decides the format when it ends in .png, .svg or .pdf; any other name gets
 * the extension of the format chosen in the dialog. */
static void
export_to (SitmapExportDialog *self, GFile *file)
{
  g_auto (SitmapExportOptions) options = { 0 };
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr (GFile) target = NULL;

  sitmap_export_dialog_get_options (self, &options);
  if (!sitmap_export_format_from_filename (basename, &options.format))
    {
      g_autofree char *named = g_strdup_printf ("%s.%s", basename, sitmap_export_format_get_extension (options.format));
      g_autoptr (GFile) parent = g_file_get_parent (file);

      target = parent != NULL ? g_file_get_child (parent, named) : g_object_ref (file);
    }
  sitmap_exporter_export (self->exporter, &options, target != NULL ? target : file);
}

/*
 * Callbacks
 */

static void
size_changed_cb (SitmapExportDialog *self)
{
  SitmapExportSize size = adw_combo_row_get_selected (self->size_row);

  gtk_widget_set_visible (GTK_WIDGET (self->orientation_row),
                          size < SITMAP_N_EXPORT_SIZES && sitmap_export_size_is_paper (size));
  gtk_widget_set_visible (GTK_WIDGET (self->width_row), size == SITMAP_EXPORT_SIZE_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->height_row), size == SITMAP_EXPORT_SIZE_CUSTOM);
}

static GtkFileFilter *
create_filter (SitmapExportFormat format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, sitmap_export_format_get_label (format));
  gtk_file_filter_add_mime_type (filter, sitmap_export_format_get_mime_type (format));
  return filter;
}

/* Hides the dialog and asks where to save, through the portal when there is one. */
static void
export_clicked_cb (SitmapExportDialog *self)
{
  SitmapExportFormat format = selected_format (self);
  GtkWindow         *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char   *name = sitmap_exporter_suggest_name (self->exporter, format);
  g_autoptr (GtkFileFilter) filter = create_filter (format);
  /* Beside the document, where a report about it most likely goes. */
  g_autoptr (GFile) folder = sitmap_exporter_dup_suggested_folder (self->exporter);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  sitmap_export_ask_for_file (self, parent, _ ("Export Map"), name, folder, filter, (SitmapExportFileChosen) export_to);
}

/* A title belongs to the document it was written for. */
static void
document_changed_cb (SitmapExportDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->subtitle_row), "");
}

static void
copy_clicked_cb (SitmapExportDialog *self)
{
  sitmap_export_dialog_copy (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/*
 * Settings: the last export's choices are the next one's. The title and subtitle are not kept: they
 * belong to a document.
 */

/* A setting's nick as the position of a row; user_data: the NULL-terminated nicks, in the rows' order */
static gboolean
get_nick_cb (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nick, nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
set_nick_cb (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char *const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  return selected < g_strv_length ((char **) nicks) ? g_variant_new_string (nicks[selected]) : NULL;
}

/* The orientation row: Portrait, then Landscape. */
static gboolean
get_landscape_cb (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_uint (value, g_variant_get_boolean (variant) ? 1 : 0);
  return TRUE;
}

static GVariant *
set_landscape_cb (const GValue *value, const GVariantType *type, gpointer user_data)
{
  guint selected = g_value_get_uint (value);

  return selected <= 1 ? g_variant_new_boolean (selected == 1) : NULL;
}

/* Spin buttons hold doubles; the keys, whole pixels. */
static gboolean
get_pixels_cb (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_double (value, g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
set_pixels_cb (const GValue *value, const GVariantType *type, gpointer user_data)
{
  return g_variant_new_int32 ((gint32)round (g_value_get_double (value)));
}

static void
bind_settings (SitmapExportDialog *self)
{
  g_settings_bind_with_mapping (self->settings, "export-format", self->format_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                get_nick_cb, set_nick_cb, (gpointer) format_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "export-size", self->size_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                get_nick_cb, set_nick_cb, (gpointer) size_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "export-landscape", self->orientation_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, get_landscape_cb, set_landscape_cb, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "export-custom-width", self->width_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, get_pixels_cb, set_pixels_cb, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "export-custom-height", self->height_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, get_pixels_cb, set_pixels_cb, NULL, NULL);
  g_settings_bind (self->settings, "export-title", self->title_switch, "active", G_SETTINGS_BIND_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (include_rows); i++)
    g_settings_bind (self->settings, include_rows[i].key, self->include_switches[i], "active", G_SETTINGS_BIND_DEFAULT);
}

/*
 * GObject
 */

/* Over an online map, the export downloads tiles, more of them for a larger page: say so, by name. */
static void
sitmap_export_dialog_show (GtkWidget *widget)
{
  SitmapExportDialog *self = SITMAP_EXPORT_DIALOG (widget);
  g_autofree char    *online = self->exporter != NULL ? sitmap_exporter_dup_online_source_name (self->exporter) : NULL;

  if (online != NULL)
    {
      g_autofree char *text = g_strdup_printf (
          _ ("The map’s tiles come from “%s”: its server sees the area exported, at the page’s resolution"), online);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      /* Rows' subtitles are markup: the source's name is the user's text. */
      adw_action_row_set_subtitle (self->online_row, escaped);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->online_row), online != NULL);
  GTK_WIDGET_CLASS (sitmap_export_dialog_parent_class)->show (widget);
  /* Enter exports, with the choices shown. */
  gtk_widget_grab_focus (self->export_button);
}

static void
add_include_rows (SitmapExportDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (include_rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ (include_rows[i].title));
      if (include_rows[i].subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ (include_rows[i].subtitle));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->include_group, row);
      self->include_switches[i] = GTK_SWITCH (toggle);
    }
}

static void
sitmap_export_dialog_dispose (GObject *object)
{
  SitmapExportDialog *self = SITMAP_EXPORT_DIALOG (object);

  g_clear_object (&self->exporter);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (sitmap_export_dialog_parent_class)->dispose (object);
}

static void
sitmap_export_dialog_class_init (SitmapExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sitmap_export_dialog_dispose;
  widget_class->show = sitmap_export_dialog_show;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, format_list);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, online_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, size_list);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, title_switch);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapExportDialog, include_group);
  gtk_widget_class_bind_template_callback (widget_class, size_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitmap_export_dialog_init (SitmapExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < SITMAP_N_EXPORT_FORMATS; i++)
    gtk_string_list_append (self->format_list, sitmap_export_format_get_label (i));
  for (guint i = 0; i < SITMAP_N_EXPORT_SIZES; i++)
    gtk_string_list_append (self->size_list, sitmap_export_size_get_label (i));
  adw_combo_row_set_selected (self->size_row, SITMAP_EXPORT_SIZE_HD);
  size_changed_cb (self);
  add_include_rows (self);
}

/*
 * Public API
 */

SitmapExportDialog *
sitmap_export_dialog_new (GtkWindow *parent, SitmapExporter *exporter, GSettings *settings)
{
  SitmapExportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SITMAP_IS_EXPORTER (exporter), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SITMAP_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->exporter = g_object_ref (exporter);
  g_signal_connect_object (sitmap_exporter_get_view_state (exporter), "notify::document",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      bind_settings (self);
    }
  return self;
}

void
sitmap_export_dialog_get_options (SitmapExportDialog *self, SitmapExportOptions *options)
{
  SitmapExportSize size;

  g_return_if_fail (SITMAP_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  sitmap_export_options_init (options);
  options->format = selected_format (self);
  /* What the page shows first: the map's zoom fits the window's view into the page's map, whose room
   * depends on the title, the timeline strip and the notes. */
  sitmap_export_dialog_get_choices (self, options);
  size = MIN (adw_combo_row_get_selected (self->size_row), SITMAP_N_EXPORT_SIZES - 1);
  sitmap_exporter_fill_options (self->exporter, size, adw_combo_row_get_selected (self->orientation_row) == 1,
                                gtk_spin_button_get_value_as_int (self->width_spin),
                                gtk_spin_button_get_value_as_int (self->height_spin), options);
}

void
sitmap_export_dialog_get_choices (SitmapExportDialog *self, SitmapExportOptions *options)
{
  g_return_if_fail (SITMAP_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  options->include = 0;
  if (gtk_switch_get_active (self->title_switch))
    options->include |= SITMAP_EXPORT_TITLE;
  for (guint i = 0; i < G_N_ELEMENTS (include_rows); i++)
    if (gtk_switch_get_active (self->include_switches[i]))
      options->include |= include_rows[i].flag;
  g_free (options->title);
  options->title = dup_entry_text (self->title_row);
  g_free (options->subtitle);
  options->subtitle = dup_entry_text (self->subtitle_row);
}

void
sitmap_export_dialog_copy (SitmapExportDialog *self)
{
  g_auto (SitmapExportOptions) options = { 0 };

  g_return_if_fail (SITMAP_IS_EXPORT_DIALOG (self));

  sitmap_export_dialog_get_options (self, &options);
  sitmap_exporter_copy (self->exporter, &options);
}
