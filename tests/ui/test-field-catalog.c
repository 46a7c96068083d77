/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-field-catalog"

#include "config.h"

#include "curator-date-row.h"
#include "curator-field-catalog.h"

#include <gtk/gtk.h>

static void
test_label_from_key (void)
{
  static const struct { const char *key; const char *label; } cases[] = {
    { "communityTopics", "Community topics" },
    { "camelCase", "Camel case" },
    { "usDhhsCmsHospitalCompareModel", "Us dhhs cms hospital compare model" },
    { "geography_states", "Geography states" },
    { "dsq_thread_id", "Dsq thread id" },
    { "og-type", "Og type" },
    { "HTMLTitle", "HTML title" },
    { "facilityId", "Facility id" },
    { "x", "X" },
    { "étatCivil", "État civil" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = curator_label_from_key (cases[i].key);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_known_fields (void)
{
  g_autofree char *title = curator_field_catalog_dup_label ("title", "title");
  g_autofree char *size = curator_field_catalog_dup_label ("featuredImage.size[1]", "size");
  g_autofree char *generic = curator_field_catalog_generic_path ("a.b[3].c\\.d[0]");

  g_assert_cmpstr (title, ==, "Title");
  g_assert_cmpstr (size, ==, "Size");
  g_assert_cmpstr (generic, ==, "a.b.c\\.d");
  g_assert_cmpint (curator_field_catalog_get_group ("tags"), ==, CURATOR_FIELD_GROUP_TAXONOMY);
  g_assert_cmpint (curator_field_catalog_get_group ("link"), ==, CURATOR_FIELD_GROUP_SOURCE_LINK);
  g_assert_cmpint (curator_field_catalog_get_group ("featuredImage"), ==, CURATOR_FIELD_GROUP_MEDIA);
  g_assert_cmpint (curator_field_catalog_get_group ("slug"), ==, CURATOR_FIELD_GROUP_PUBLISHING);
  g_assert_cmpint (curator_field_catalog_get_group ("mdName"), ==, CURATOR_FIELD_GROUP_OTHER);
  g_assert_cmpint (curator_field_catalog_get_check ("link.href"), ==, CURATOR_FIELD_CHECK_URL);
  g_assert_cmpint (curator_field_catalog_get_check ("slug"), ==, CURATOR_FIELD_CHECK_SLUG);
  g_assert_cmpint (curator_field_catalog_get_check ("title"), ==, CURATOR_FIELD_CHECK_REQUIRED);
}

static void
test_checks (void)
{
  static const struct { CuratorFieldCheck check; const char *value; gboolean ok; } cases[] = {
    { CURATOR_FIELD_CHECK_URL, "https://example.org/a?b=c", TRUE },
    { CURATOR_FIELD_CHECK_URL, "http://example.org", TRUE },
    { CURATOR_FIELD_CHECK_URL, "", TRUE },
    { CURATOR_FIELD_CHECK_URL, "example.org/page", FALSE },
    { CURATOR_FIELD_CHECK_URL, "ftp://example.org", FALSE },
    { CURATOR_FIELD_CHECK_URL, "https://", FALSE },
    { CURATOR_FIELD_CHECK_SLUG, "remote-patient-monitoring-2", TRUE },
    { CURATOR_FIELD_CHECK_SLUG, "Remote Patient", FALSE },
    { CURATOR_FIELD_CHECK_SLUG, "double--hyphen", FALSE },
    { CURATOR_FIELD_CHECK_SLUG, "-leading", FALSE },
    { CURATOR_FIELD_CHECK_DATE, "2024-03-18T14:05:00Z", TRUE },
    { CURATOR_FIELD_CHECK_DATE, "2020-09-14T09:59:06.492674Z", TRUE },
    { CURATOR_FIELD_CHECK_DATE, "2020-10-20", TRUE },
    { CURATOR_FIELD_CHECK_DATE, "03/31/2018", TRUE },
    { CURATOR_FIELD_CHECK_DATE, "2024-03-18 14:05:00 +02:00", TRUE },
    { CURATOR_FIELD_CHECK_DATE, "last tuesday", FALSE },
    { CURATOR_FIELD_CHECK_REQUIRED, "A title", TRUE },
    { CURATOR_FIELD_CHECK_REQUIRED, "  ", FALSE },
    { CURATOR_FIELD_CHECK_REQUIRED, "", FALSE },
    { CURATOR_FIELD_CHECK_NONE, "anything", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = curator_field_check_value (cases[i].check, cases[i].value);

      if (cases[i].ok)
        g_assert_null (problem);
      else
        g_assert_nonnull (problem);
    }
}

static void
test_replace_date (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 1, 7, 0, 0, 0);
  static const struct { const char *before; const char *after; } cases[] = {
    { "2024-03-18T14:05:00Z", "2025-01-07T14:05:00Z" },
    { "2020-09-14T09:59:06.492674Z", "2025-01-07T09:59:06.492674Z" },
    { "2020-10-20", "2025-01-07" },
    { "03/31/2018", "01/07/2025" },
    { "", "2025-01-07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *after = curator_date_row_replace_date (cases[i].before, date);

      g_assert_cmpstr (after, ==, cases[i].after);
    }

  g_assert_null (curator_date_row_replace_date ("soon", date));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/field-catalog/label-from-key", test_label_from_key);
  g_test_add_func ("/ui/field-catalog/known-fields", test_known_fields);
  g_test_add_func ("/ui/field-catalog/checks", test_checks);
  g_test_add_func ("/ui/field-catalog/replace-date", test_replace_date);

  return g_test_run ();
}
