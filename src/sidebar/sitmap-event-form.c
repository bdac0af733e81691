/* sitmap-event-form.c: every field of one event, edited in place, each change an edit that can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-event-command.h"
#include "sitmap-event-form-private.h"
#include "sitmap-event-form.h"
#include "sitmap-typed-date.h"
#include "sitmap-undo-stack.h"

G_DEFINE_FINAL_TYPE (SitmapEventForm, sitmap_event_form, GTK_TYPE_WIDGET)

enum {
  PICK_POINT_REQUESTED,
  DRAW_AREA_REQUESTED,
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The place kinds of place_kind_row, in its order. */
enum {
  PLACE_NONE,
  PLACE_POINT,
  PLACE_AREA,
  PLACE_GAZETTEER,
};

/* The location precisions precision_row offers, in its order: "no place" is the place kind's. */
static const SitmapLocationPrecision precisions[] = {
  SITMAP_LOCATION_PRECISION_EXACT,  SITMAP_LOCATION_PRECISION_TOWN,    SITMAP_LOCATION_PRECISION_NEAR_TOWN,
  SITMAP_LOCATION_PRECISION_REGION, SITMAP_LOCATION_PRECISION_COUNTRY,
};

/*
 * Auxiliary methods
 */

SitmapDocument *
_sitmap_event_form_get_document (SitmapEventForm *self)
{
  return self->view_state != NULL ? sitmap_view_state_get_document (self->view_state) : NULL;
}

/* The event as the document has it now; FALSE (and draft left empty) when it is not there. */
gboolean
_sitmap_event_form_read_draft (SitmapEventForm *self, SitmapEventDraft *draft)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);

  sitmap_event_draft_init (draft);
  if (document == NULL || self->id == NULL || self->position < 0)
    return FALSE;
  sitmap_document_read_event_draft (document, self->position, draft);
  return TRUE;
}

/* The event moved to position (an edit gives it a new one): the view state follows, so that every view
 * shows the event as edited. */
static void
follow (SitmapEventForm *self, gint position)
{
  gint selected = sitmap_view_state_get_selected (self->view_state);

  if (position == self->position && selected == position)
    return;
  self->position = position;
  if (position >= 0 && selected != position)
    sitmap_view_state_set_selected (self->view_state, position);
}

/* Pushes command, which the form made: the document's "changed" it emits is not read back into the fields,
 * which already say it (and the cursor stays where the user types). */
void
_sitmap_event_form_push_command (SitmapEventForm *self, SitmapCommand *command)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);

  g_assert (document != NULL);
  self->pushing = TRUE;
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), command);
  self->pushing = FALSE;
  follow (self, sitmap_document_find_event (document, self->id));
}

void
_sitmap_event_form_push (SitmapEventForm        *self,
                         const SitmapEventDraft *draft,
                         const char             *label,
                         const char             *merge_key)
{
  g_autoptr (SitmapCommand) command = NULL;

  command = sitmap_event_command_new_edit (_sitmap_event_form_get_document (self), self->id, draft, label, merge_key);
  _sitmap_event_form_push_command (self, command);
}

/* A message under a field: what is wrong with it (as an error), or NULL to hide it. */
void
_sitmap_event_form_set_message (GtkLabel *label, GtkWidget *row, const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (row == NULL)
    return;
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Sets an editable's text only when it differs: setting it moves the cursor to the end. */
void
_sitmap_event_form_set_text (GtkEditable *editable, const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

static GListModel *
new_string_model (const char *const *strings)
{
  return G_LIST_MODEL (gtk_string_list_new (strings));
}

/*
 * Title, category, summary
 */

static void
title_changed_cb (SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (self->loading)
    return;
  if (*title == '\0')
    {
      _sitmap_event_form_set_message (self->title_message, GTK_WIDGET (self->title_row), _("An event needs a title"));
      return;
    }
  _sitmap_event_form_set_message (self->title_message, GTK_WIDGET (self->title_row), NULL);
  if (!_sitmap_event_form_read_draft (self, &draft))
    return;
  g_free (draft.title);
  draft.title = g_steal_pointer (&title);
  _sitmap_event_form_push (self, &draft, _("Change Title"), "title");
}

static void
category_changed_cb (SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  guint category = adw_combo_row_get_selected (self->category_row);

  if (self->loading || category >= SITMAP_N_CATEGORIES || !_sitmap_event_form_read_draft (self, &draft))
    return;
  if (draft.category == (SitmapCategory) category)
    return;
  draft.category = category;
  _sitmap_event_form_push (self, &draft, _("Change Category"), NULL);
}

static char *
dup_summary_text (SitmapEventForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
summary_changed_cb (SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };

  if (self->loading || !_sitmap_event_form_read_draft (self, &draft))
    return;
  g_free (draft.summary);
  draft.summary = dup_summary_text (self);
  _sitmap_event_form_push (self, &draft, _("Change Summary"), "summary");
}

static void
load_summary (SitmapEventForm *self, const char *summary)
{
  g_autofree char *shown = dup_summary_text (self);

  if (g_strcmp0 (shown, summary != NULL ? summary : "") != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view), summary != NULL ? summary : "", -1);
}

/*
 * When
 */

static gboolean
zone_is_local (SitmapEventForm *self)
{
  return adw_combo_row_get_selected (self->zone_row) == 1;
}

/* Seconds east of UTC of the local zone at (wall clock) t. */
static gint64
local_offset (gint64 t)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_local ();
  gint interval = g_time_zone_find_interval (zone, G_TIME_TYPE_STANDARD, t);

  return interval >= 0 ? g_time_zone_get_offset (zone, interval) : 0;
}

/* Whether a written moment names its own offset ("…T05:30Z", "…T05:30+03:00"). */
static gboolean
names_offset (const char *text)
{
  const char *t = strchr (text, 'T');

  return t != NULL && strpbrk (t, "Z+-") != NULL;
}

/* One typed bound: a year, month, day or moment; a moment without an offset is read in the form's zone.
 * FALSE with why in *message. */
static gboolean
parse_bound (SitmapEventForm *self, const char *typed, gint64 *start, gint64 *end, SitmapTimeUnit *unit,
             char **message)
{
  g_autofree char *text = g_strstrip (g_strdup (typed));

  if (!sitmap_time_parse_bound (text, start, end, unit, NULL))
    {
      *message = sitmap_typed_date_explain (text);
      return FALSE;
    }
  if (*unit == SITMAP_TIME_UNIT_SECOND && zone_is_local (self) && !names_offset (text))
    {
      gint64 offset = local_offset (*start);

      *start -= offset;
      *end -= offset;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The time the date rows say; FALSE with why in *message (and the row at fault in *bad_row). */
static gboolean
read_time (SitmapEventForm *self, SitmapTime *time, char **message, GtkWidget **bad_row)
{
  const char *begin = gtk_editable_get_text (GTK_EDITABLE (self->start_row));
  const char *end = gtk_editable_get_text (GTK_EDITABLE (self->end_row));
  gboolean span = gtk_switch_get_active (self->span_switch);
  gint64 begin_start = SITMAP_TIME_OPEN_START, end_end = SITMAP_TIME_OPEN_END, ignored;
  SitmapTimeUnit begin_unit = SITMAP_TIME_UNIT_NONE, end_unit = SITMAP_TIME_UNIT_NONE;

  sitmap_time_init_undated (time);
  *bad_row = GTK_WIDGET (self->start_row);
  if (!is_blank (begin) && !parse_bound (self, begin, &begin_start, &end_end, &begin_unit, message))
    return FALSE;
  if (!span)
    {
      if (begin_unit == SITMAP_TIME_UNIT_NONE)
        return TRUE;
      time->start = begin_start;
      time->end = end_end;
      time->start_unit = begin_unit;
      time->precision = sitmap_time_precision_of_unit (begin_unit);
      return TRUE;
    }
  end_end = SITMAP_TIME_OPEN_END;
  *bad_row = GTK_WIDGET (self->end_row);
  if (!is_blank (end) && !parse_bound (self, end, &ignored, &end_end, &end_unit, message))
    return FALSE;
  if (begin_unit == SITMAP_TIME_UNIT_NONE && end_unit == SITMAP_TIME_UNIT_NONE)
    return TRUE;
  if (end_end <= begin_start)
    {
      *message = g_strdup (_("The end is before the start"));
      return FALSE;
    }
  time->start = begin_start;
  time->end = end_end;
  time->start_unit = begin_unit;
  time->end_unit = end_unit;
  time->precision = SITMAP_TIME_PRECISION_SPAN;
  return TRUE;
}

/* What the date says, read back in words under the rows: "On 10 December 2024", "In March 2019". */
static void
describe_time (SitmapEventForm *self, const SitmapTime *time)
{
  g_autofree char *text = NULL;

  if (!sitmap_time_is_dated (time))
    text = g_strdup (_("No date: type one like 2024-12-10, 2024-12 or 2024"));
  else
    {
      g_autofree char *description = sitmap_time_describe (time);
      gunichar first = g_utf8_get_char (description);
      char upper[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_toupper (first), upper);
      text = g_strconcat (upper, g_utf8_next_char (description), NULL);
    }
  gtk_label_set_text (self->when_message, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->when_message), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->when_message), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->start_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->end_row), "error");
}

static gboolean
same_time (const SitmapTime *a, const SitmapTime *b)
{
  return a->start == b->start && a->end == b->end && a->precision == b->precision &&
         a->start_unit == b->start_unit && a->end_unit == b->end_unit;
}

static void
when_error (SitmapEventForm *self, const char *message, GtkWidget *row)
{
  gtk_label_set_text (self->when_message, message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->when_message), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->when_message), "error");
  gtk_widget_add_css_class (row, "error");
}

static void
when_changed_cb (SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  g_autofree char *message = NULL;
  GtkWidget *bad_row = NULL;
  SitmapTime time;

  gtk_widget_set_visible (GTK_WIDGET (self->end_row), gtk_switch_get_active (self->span_switch));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->start_row),
                                 gtk_switch_get_active (self->span_switch) ? _("From") : _("Date"));
  if (self->loading)
    return;
  if (!read_time (self, &time, &message, &bad_row))
    {
      when_error (self, message, bad_row);
      return;
    }
  describe_time (self, &time);
  if (!_sitmap_event_form_read_draft (self, &draft))
    return;
  if (same_time (&draft.time, &time))
    return;
  draft.time = time;
  _sitmap_event_form_push (self, &draft, _("Change Date"), "time");
}

/* A bound as the rows show it: "2024-12-10", "2019-03", "2011", or "2024-12-10T05:30" in the form's zone. */
static char *
format_bound (SitmapEventForm *self, gint64 t, SitmapTimeUnit unit)
{
  g_autofree char *text = NULL;
  gsize length;

  if (unit != SITMAP_TIME_UNIT_SECOND)
    return sitmap_time_format_bound (t, unit);
  if (zone_is_local (self))
    t += local_offset (t);
  text = sitmap_time_format_bound (t, unit);
  length = strlen (text);
  text[length - 1] = '\0'; /* the Z: the zone row says the zone */
  if (g_str_has_suffix (text, ":00"))
    text[length - 4] = '\0';
  return g_steal_pointer (&text);
}

static void
load_time (SitmapEventForm *self, const SitmapTime *time)
{
  gboolean span = time->precision == SITMAP_TIME_PRECISION_SPAN;
  g_autofree char *begin = NULL;
  g_autofree char *end = NULL;

  if (sitmap_time_is_dated (time) && time->start != SITMAP_TIME_OPEN_START)
    begin = format_bound (self, time->start, time->start_unit);
  if (span && time->end != SITMAP_TIME_OPEN_END)
    end = format_bound (self, time->end - 1, time->end_unit);
  gtk_switch_set_active (self->span_switch, span);
  _sitmap_event_form_set_text (GTK_EDITABLE (self->start_row), begin);
  _sitmap_event_form_set_text (GTK_EDITABLE (self->end_row), end);
  gtk_widget_set_visible (GTK_WIDGET (self->end_row), span);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->start_row), span ? _("From") : _("Date"));
  describe_time (self, time);
}

/*
 * Where
 */

static guint
place_kind_of (const SitmapEventDraft *draft)
{
  if (draft->place_id != NULL && isnan (draft->latitude) && draft->geometry == NULL)
    return PLACE_GAZETTEER;
  if (draft->geometry != NULL)
    return PLACE_AREA;
  if (!isnan (draft->latitude))
    return PLACE_POINT;
  return PLACE_NONE;
}

static void
show_place_rows (SitmapEventForm *self, guint kind)
{
  gtk_widget_set_visible (GTK_WIDGET (self->latitude_row), kind == PLACE_POINT);
  gtk_widget_set_visible (GTK_WIDGET (self->longitude_row), kind == PLACE_POINT);
  gtk_widget_set_visible (GTK_WIDGET (self->pick_row), kind == PLACE_POINT);
  /* Drawing is the map's: offered when someone answers the request. */
  gtk_widget_set_visible (GTK_WIDGET (self->area_row),
                          kind == PLACE_AREA &&
                            g_signal_has_handler_pending (self, signals[DRAW_AREA_REQUESTED], 0, TRUE));
  gtk_widget_set_visible (GTK_WIDGET (self->gazetteer_row), kind == PLACE_GAZETTEER);
  gtk_widget_set_visible (GTK_WIDGET (self->precision_row), kind != PLACE_NONE);
}

static guint
precision_index (SitmapLocationPrecision precision)
{
  for (guint i = 0; i < G_N_ELEMENTS (precisions); i++)
    if (precisions[i] == precision)
      return i;
  return 0;
}

static SitmapLocationPrecision
chosen_precision (SitmapEventForm *self)
{
  guint i = adw_combo_row_get_selected (self->precision_row);

  return i < G_N_ELEMENTS (precisions) ? precisions[i] : SITMAP_LOCATION_PRECISION_EXACT;
}

/* Numbers as people type them: "36.5", "36,5", "−36.5" (a minus sign). */
static gboolean
parse_coordinate (const char *typed, double *value)
{
  g_autoptr (GString) text = g_string_new (typed);
  char *end;

  g_strstrip (text->str);
  text->len = strlen (text->str);
  g_string_replace (text, "−", "-", 0);
  g_string_replace (text, ",", ".", 0);
  if (text->len == 0)
    return FALSE;
  *value = g_ascii_strtod (text->str, &end);
  return *end == '\0' && isfinite (*value);
}

/* The point the latitude and longitude rows say; FALSE with why (NULL while one is still empty). */
static gboolean
read_point (SitmapEventForm *self, double *latitude, double *longitude, const char **message, GtkWidget **bad_row)
{
  const char *lat_text = gtk_editable_get_text (GTK_EDITABLE (self->latitude_row));
  const char *lon_text = gtk_editable_get_text (GTK_EDITABLE (self->longitude_row));

  *message = NULL;
  *bad_row = NULL;
  if (!is_blank (lat_text) && !parse_coordinate (lat_text, latitude))
    *message = _("The latitude is a number of degrees, like 34.45");
  else if (!is_blank (lat_text) && (*latitude < -90 || *latitude > 90))
    *message = _("The latitude runs from −90 (south) to 90 (north)");
  if (*message != NULL)
    {
      *bad_row = GTK_WIDGET (self->latitude_row);
      return FALSE;
    }
  if (!is_blank (lon_text) && !parse_coordinate (lon_text, longitude))
    *message = _("The longitude is a number of degrees, like 40.15");
  else if (!is_blank (lon_text) && (*longitude < -180 || *longitude > 180))
    *message = _("The longitude runs from −180 (west) to 180 (east)");
  if (*message != NULL)
    {
      *bad_row = GTK_WIDGET (self->longitude_row);
      return FALSE;
    }
  return !is_blank (lat_text) && !is_blank (lon_text);
}

/* Degrees to a micro-degree (about 10 cm), without trailing zeros: "34.4714". */
static char *
format_coordinate (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6f", value));
  char *end = text + strlen (text) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return text;
}

static void
clear_place (SitmapEventDraft *draft)
{
  g_clear_pointer (&draft->place_id, g_free);
  g_clear_pointer (&draft->geometry, sitmap_geometry_unref);
  draft->latitude = NAN;
  draft->longitude = NAN;
}

static void
clear_where_messages (SitmapEventForm *self)
{
  _sitmap_event_form_set_message (self->where_message, NULL, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->latitude_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->longitude_row), "error");
}

static void
point_changed_cb (SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  const char *message;
  GtkWidget *bad_row;
  double latitude, longitude;

  if (self->loading)
    return;
  clear_where_messages (self);
  if (!read_point (self, &latitude, &longitude, &message, &bad_row))
    {
      if (message != NULL)
        _sitmap_event_form_set_message (self->where_message, bad_row, message);
      return;
    }
  if (!_sitmap_event_form_read_draft (self, &draft))
    return;
  clear_place (&draft);
  draft.latitude = latitude;
  draft.longitude = longitude;
  draft.location_precision = chosen_precision (self);
  _sitmap_event_form_push (self, &draft, _("Change Place"), "point");
}

static SitmapPlace *
chosen_place (SitmapEventForm *self)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);
  guint i = adw_combo_row_get_selected (self->gazetteer_row);

  if (document == NULL || i >= g_list_model_get_n_items (sitmap_document_get_places (document)))
    return NULL;
  return sitmap_document_get_place (document, i);
}

/* What a place of the gazetteer says of where in it: a town pins an event to the town, a province only to
 * the province. */
static void
push_gazetteer_place (SitmapEventForm *self, SitmapPlace *place)
{
  g_auto (SitmapFormDraft) draft = { 0 };

  if (!_sitmap_event_form_read_draft (self, &draft))
    return;
  if (g_strcmp0 (draft.place_id, sitmap_place_get_id (place)) == 0 && isnan (draft.latitude))
    return;
  clear_place (&draft);
  draft.place_id = g_strdup (sitmap_place_get_id (place));
  draft.location_precision = sitmap_place_get_location_precision (place);
  self->loading = TRUE;
  adw_combo_row_set_selected (self->precision_row, precision_index (draft.location_precision));
  self->loading = FALSE;
  _sitmap_event_form_push (self, &draft, _("Change Place"), NULL);
}

static void
gazetteer_changed_cb (SitmapEventForm *self)
{
  SitmapPlace *place = chosen_place (self);

  if (!self->loading && place != NULL)
    push_gazetteer_place (self, place);
}

/* Another kind of place: no place is an edit at once; a point, an area or a place of the gazetteer as
 * soon as the rows say which. */
static void
place_kind_changed_cb (SitmapEventForm *self)
{
  guint kind = adw_combo_row_get_selected (self->place_kind_row);
  g_auto (SitmapFormDraft) draft = { 0 };

  show_place_rows (self, kind);
  if (self->loading)
    return;
  clear_where_messages (self);
  if (kind == PLACE_POINT)
    point_changed_cb (self);
  else if (kind == PLACE_GAZETTEER && chosen_place (self) != NULL)
    push_gazetteer_place (self, chosen_place (self));
  else if (kind == PLACE_NONE && _sitmap_event_form_read_draft (self, &draft) && place_kind_of (&draft) != PLACE_NONE)
    {
      clear_place (&draft);
      draft.location_precision = SITMAP_LOCATION_PRECISION_NONE;
      _sitmap_event_form_push (self, &draft, _("Remove Place"), NULL);
    }
}

static void
precision_changed_cb (SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };

  if (self->loading || !_sitmap_event_form_read_draft (self, &draft) || place_kind_of (&draft) == PLACE_NONE)
    return;
  if (draft.location_precision == chosen_precision (self))
    return;
  draft.location_precision = chosen_precision (self);
  _sitmap_event_form_push (self, &draft, _("Change Precision"), NULL);
}

static void
load_places (SitmapEventForm *self)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *places = document ? sitmap_document_get_places (document) : NULL;
  guint n = places ? g_list_model_get_n_items (places) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = sitmap_text_cut (sitmap_place_get_name (sitmap_document_get_place (document, i)), 80);

      gtk_string_list_append (names, name);
    }
  adw_combo_row_set_model (self->gazetteer_row, G_LIST_MODEL (names));
}

static void
load_where (SitmapEventForm *self, const SitmapEventDraft *draft)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);
  guint kind = place_kind_of (draft);
  g_autofree char *latitude = NULL;
  g_autofree char *longitude = NULL;

  adw_combo_row_set_selected (self->place_kind_row, kind);
  show_place_rows (self, kind);
  clear_where_messages (self);
  if (kind == PLACE_GAZETTEER)
    {
      gint index = sitmap_document_find_place (document, draft->place_id);

      adw_combo_row_set_selected (self->gazetteer_row, index >= 0 ? (guint) index : GTK_INVALID_LIST_POSITION);
    }
  if (kind == PLACE_POINT)
    {
      latitude = format_coordinate (draft->latitude);
      longitude = format_coordinate (draft->longitude);
      _sitmap_event_form_set_text (GTK_EDITABLE (self->latitude_row), latitude);
      _sitmap_event_form_set_text (GTK_EDITABLE (self->longitude_row), longitude);
    }
  if (kind == PLACE_AREA)
    adw_action_row_set_subtitle (self->area_row, _("Drawn on the map; draw again to replace it"));
  else
    adw_action_row_set_subtitle (self->area_row, _("Click its corners on the map"));
  adw_combo_row_set_selected (self->precision_row, precision_index (draft->location_precision));
}

static void
pick_activated_cb (SitmapEventForm *self)
{
  g_signal_emit (self, signals[PICK_POINT_REQUESTED], 0);
}

static void
area_activated_cb (SitmapEventForm *self)
{
  g_signal_emit (self, signals[DRAW_AREA_REQUESTED], 0);
}

/*
 * Loading
 */

void
_sitmap_event_form_load (SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };

  if (!_sitmap_event_form_read_draft (self, &draft))
    return;
  self->loading = TRUE;
  _sitmap_event_form_set_text (GTK_EDITABLE (self->title_row), draft.title);
  _sitmap_event_form_set_message (self->title_message, GTK_WIDGET (self->title_row), NULL);
  adw_combo_row_set_selected (self->category_row, draft.category);
  load_summary (self, draft.summary);
  load_time (self, &draft.time);
  load_places (self);
  load_where (self, &draft);
  _sitmap_event_form_load_lists (self, &draft);
  self->loading = FALSE;
}

/* An edit or an undo that the form did not make (Ctrl+Z, the map moving the event): the fields are read
 * again, from wherever the event is now. */
static void
document_changed_cb (SitmapEventForm *self, SitmapDocumentChange what)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);
  gint position;

  if (self->pushing || self->id == NULL || document == NULL)
    return;
  position = sitmap_document_find_event (document, self->id);
  if (position < 0)
    {
      /* Its adding undone, or deleted: nothing left to edit */
      g_signal_emit (self, signals[DONE], 0);
      return;
    }
  if (sitmap_view_state_get_selected (self->view_state) == self->position)
    follow (self, position);
  self->position = position;
  _sitmap_event_form_load (self);
}

static void
document_notify_cb (SitmapEventForm *self)
{
  g_signal_group_set_target (self->document_signals, _sitmap_event_form_get_document (self));
  if (self->id != NULL)
    sitmap_event_form_edit (self, NULL);
}

static void
done_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[DONE], 0);
}

/*
 * GObject
 */

static void
sitmap_event_form_dispose (GObject *object)
{
  SitmapEventForm *self = SITMAP_EVENT_FORM (object);
  GtkWidget *child;

  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  if (self->view_state_signals != NULL)
    g_signal_group_set_target (self->view_state_signals, NULL);
  g_clear_object (&self->view_state_signals);
  g_clear_object (&self->view_state);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_EVENT_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sitmap_event_form_parent_class)->dispose (object);
}

static void
sitmap_event_form_class_init (SitmapEventFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitmap_event_form_dispose;

  /**
   * SitmapEventForm::pick-point-requested:
   *
   * "Pick on Map": the map should take the next click as the event's point, and answer with
   * sitmap_event_form_set_point().
   */
  signals[PICK_POINT_REQUESTED] = g_signal_new ("pick-point-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SitmapEventForm::draw-area-requested:
   *
   * "Draw Area": the map should let the user draw a polygon, and answer with sitmap_event_form_set_area().
   */
  signals[DRAW_AREA_REQUESTED] = g_signal_new ("draw-area-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SitmapEventForm::done:
   *
   * The user is done editing ("Done"), or the event is gone (its adding undone).
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  g_type_ensure (ADW_TYPE_ENTRY_ROW);
  g_type_ensure (ADW_TYPE_COMBO_ROW);
  g_type_ensure (ADW_TYPE_EXPANDER_ROW);
  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  g_type_ensure (ADW_TYPE_CLAMP);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-event-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, heading_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, done_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, title_message);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, category_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, summary_view);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, start_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, span_switch);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, end_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, zone_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, when_message);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, place_kind_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, gazetteer_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, latitude_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, longitude_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, pick_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, area_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, precision_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, where_message);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, actors_group);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, add_actor_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, add_actor_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, figures_group);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, add_figure_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, figure_kind_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, figure_qualifier_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, figure_number_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, add_figure_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventForm, citations_group);

  gtk_widget_class_install_action (widget_class, "form.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "form.add-citation", NULL, _sitmap_event_form_add_citation_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sitmap-event-form");
}

static void
fill_choices (SitmapEventForm *self)
{
  const char *zones[] = { _("UTC"), _("Local Time"), NULL };
  const char *kinds[] = { _("No Place"), _("A Point"), _("An Area"), _("A Place of the Document"), NULL };
  const char *precision_names[] = { _("Exact"), _("In a Town"), _("Near a Town"), _("In a Region"),
                                    _("In a Country"), NULL };
  g_autoptr (GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr (GListModel) zone_model = new_string_model (zones);
  g_autoptr (GListModel) kind_model = new_string_model (kinds);
  g_autoptr (GListModel) precision_model = new_string_model (precision_names);

  for (guint i = 0; i < SITMAP_N_CATEGORIES; i++)
    gtk_string_list_append (categories, sitmap_category_get_label (i));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  adw_combo_row_set_model (self->zone_row, zone_model);
  adw_combo_row_set_model (self->place_kind_row, kind_model);
  adw_combo_row_set_model (self->precision_row, precision_model);
  _sitmap_event_form_init_lists (self);
}

static void
connect_fields (SitmapEventForm *self)
{
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (title_changed_cb), self);
  g_signal_connect_swapped (self->category_row, "notify::selected", G_CALLBACK (category_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->summary_view), "changed", G_CALLBACK (summary_changed_cb),
                            self);
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (when_changed_cb), self);
  g_signal_connect_swapped (self->end_row, "changed", G_CALLBACK (when_changed_cb), self);
  g_signal_connect_swapped (self->span_switch, "notify::active", G_CALLBACK (when_changed_cb), self);
  g_signal_connect_swapped (self->zone_row, "notify::selected", G_CALLBACK (when_changed_cb), self);
  g_signal_connect_swapped (self->place_kind_row, "notify::selected", G_CALLBACK (place_kind_changed_cb), self);
  g_signal_connect_swapped (self->gazetteer_row, "notify::selected", G_CALLBACK (gazetteer_changed_cb), self);
  g_signal_connect_swapped (self->latitude_row, "changed", G_CALLBACK (point_changed_cb), self);
  g_signal_connect_swapped (self->longitude_row, "changed", G_CALLBACK (point_changed_cb), self);
  g_signal_connect_swapped (self->precision_row, "notify::selected", G_CALLBACK (precision_changed_cb), self);
  g_signal_connect_swapped (self->pick_row, "activated", G_CALLBACK (pick_activated_cb), self);
  g_signal_connect_swapped (self->area_row, "activated", G_CALLBACK (area_activated_cb), self);
}

static void
sitmap_event_form_init (SitmapEventForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->position = -1;
  self->list_rows = g_ptr_array_new ();
  self->loading = TRUE;
  fill_choices (self);
  self->loading = FALSE;
  connect_fields (self);

  self->document_signals = g_signal_group_new (SITMAP_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "changed", G_CALLBACK (document_changed_cb), self);
  self->view_state_signals = g_signal_group_new (SITMAP_TYPE_VIEW_STATE);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::document", G_CALLBACK (document_notify_cb),
                                  self);
}

/*
 * Public API
 */

GtkWidget *
sitmap_event_form_new (void)
{
  return g_object_new (SITMAP_TYPE_EVENT_FORM, NULL);
}

void
sitmap_event_form_set_view_state (SitmapEventForm *self, SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_EVENT_FORM (self));
  g_return_if_fail (view_state == NULL || SITMAP_IS_VIEW_STATE (view_state));

  if (!g_set_object (&self->view_state, view_state))
    return;
  g_signal_group_set_target (self->view_state_signals, view_state);
  g_signal_group_set_target (self->document_signals, _sitmap_event_form_get_document (self));
  sitmap_event_form_edit (self, NULL);
}

void
sitmap_event_form_edit (SitmapEventForm *self, const char *id)
{
  SitmapDocument *document;

  g_return_if_fail (SITMAP_IS_EVENT_FORM (self));

  document = _sitmap_event_form_get_document (self);
  g_free (self->id);
  self->id = document != NULL && id != NULL ? g_strdup (id) : NULL;
  self->position = self->id != NULL ? sitmap_document_find_event (document, self->id) : -1;
  if (self->position < 0)
    g_clear_pointer (&self->id, g_free);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  sitmap_event_form_set_new (self, FALSE);
  self->expanded_citation = -1;
  _sitmap_event_form_load (self);
}

void
sitmap_event_form_set_new (SitmapEventForm *self, gboolean is_new)
{
  g_return_if_fail (SITMAP_IS_EVENT_FORM (self));
  gtk_label_set_text (self->heading_label, is_new ? _("New Event") : _("Edit Event"));
}

const char *
sitmap_event_form_get_event_id (SitmapEventForm *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_FORM (self), NULL);
  return self->id;
}

void
sitmap_event_form_set_point (SitmapEventForm *self, double latitude, double longitude)
{
  g_autofree char *latitude_text = NULL;
  g_autofree char *longitude_text = NULL;

  g_return_if_fail (SITMAP_IS_EVENT_FORM (self));
  g_return_if_fail (sitmap_coordinates_valid (latitude, longitude));

  latitude_text = format_coordinate (latitude);
  longitude_text = format_coordinate (longitude);
  self->loading = TRUE;
  adw_combo_row_set_selected (self->place_kind_row, PLACE_POINT);
  show_place_rows (self, PLACE_POINT);
  gtk_editable_set_text (GTK_EDITABLE (self->latitude_row), latitude_text);
  gtk_editable_set_text (GTK_EDITABLE (self->longitude_row), longitude_text);
  self->loading = FALSE;
  point_changed_cb (self);
}

void
sitmap_event_form_set_area (SitmapEventForm *self, SitmapGeometry *area)
{
  g_auto (SitmapFormDraft) draft = { 0 };

  g_return_if_fail (SITMAP_IS_EVENT_FORM (self));
  g_return_if_fail (area != NULL);

  if (!_sitmap_event_form_read_draft (self, &draft))
    return;
  clear_place (&draft);
  draft.geometry = sitmap_geometry_ref (area);
  sitmap_geometry_get_center (area, &draft.latitude, &draft.longitude);
  if (draft.location_precision == SITMAP_LOCATION_PRECISION_NONE)
    draft.location_precision = SITMAP_LOCATION_PRECISION_REGION;
  self->loading = TRUE;
  load_where (self, &draft);
  self->loading = FALSE;
  _sitmap_event_form_push (self, &draft, _("Change Place"), NULL);
}

void
sitmap_event_form_focus_title (SitmapEventForm *self)
{
  g_return_if_fail (SITMAP_IS_EVENT_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  gtk_editable_select_region (GTK_EDITABLE (self->title_row), 0, -1);
}
