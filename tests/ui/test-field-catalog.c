/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-field-catalog"

#include "config.h"

#include "curator-date-row.h"
#include "curator-field-catalog.h"

#include <gtk/gtk.h>
#include <string.h>

static void
test_label_from_key (void)
{
  static const struct { const char *key; const char *label; } cases[] = {
    { "communityTopics", "Community topics" },
    { "camelCase", "Camel case" },
    { "usDhhsCmsHospitalCompareModel", "US DHHS CMS hospital compare model" },
    { "geography_states", "Geography states" },
    { "dsq_thread_id", "Dsq thread ID" },
    { "og-type", "OG type" },
    { "ogUrl", "OG URL" },
    { "HTMLTitle", "HTML title" },
    { "facilityId", "Facility ID" },
    { "hdoTypes", "HDO types" },
    { "wpAttachment", "WP attachment" },
    { "pdfUrl", "PDF URL" },
    { "apiKey", "API key" },
    { "seoTitle", "SEO title" },
    { "id", "ID" },
    { "relatedIds", "Related IDs" },
    { "hcahpsHospital", "HCAHPS hospital" },
    /* Words that only look like acronyms stay words. */
    { "usage", "Usage" },
    { "idea", "Idea" },
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
  /* The problem each value has, as the row shows it (NULL: none). */
#define not_a_url "Not a web address: it should start with https://"
#define not_a_slug "Use lower-case letters, digits and single hyphens only"
#define not_a_date "Not a date: use 2024-03-18 or 2024-03-18T14:05:00Z"
#define required "This field is required"
  static const struct { CuratorFieldCheck check; const char *value; const char *problem; } cases[] = {
    { CURATOR_FIELD_CHECK_URL, "https://example.org/a?b=c", NULL },
    { CURATOR_FIELD_CHECK_URL, "http://example.org", NULL },
    { CURATOR_FIELD_CHECK_URL, "", NULL },
    { CURATOR_FIELD_CHECK_URL, "example.org/page", not_a_url },
    { CURATOR_FIELD_CHECK_URL, "ftp://example.org", not_a_url },
    { CURATOR_FIELD_CHECK_URL, "https://", not_a_url },
    { CURATOR_FIELD_CHECK_SLUG, "remote-patient-monitoring-2", NULL },
    { CURATOR_FIELD_CHECK_SLUG, "Remote Patient", not_a_slug },
    { CURATOR_FIELD_CHECK_SLUG, "double--hyphen", not_a_slug },
    { CURATOR_FIELD_CHECK_SLUG, "-leading", not_a_slug },
    { CURATOR_FIELD_CHECK_DATE, "2024-03-18T14:05:00Z", NULL },
    { CURATOR_FIELD_CHECK_DATE, "2020-09-14T09:59:06.492674Z", NULL },
    { CURATOR_FIELD_CHECK_DATE, "2020-10-20", NULL },
    { CURATOR_FIELD_CHECK_DATE, "03/31/2018", NULL },
    { CURATOR_FIELD_CHECK_DATE, "2024-03-18 14:05:00 +02:00", NULL },
    { CURATOR_FIELD_CHECK_DATE, "last tuesday", not_a_date },
    { CURATOR_FIELD_CHECK_REQUIRED, "A title", NULL },
    { CURATOR_FIELD_CHECK_REQUIRED, "  ", required },
    { CURATOR_FIELD_CHECK_REQUIRED, "", required },
    { CURATOR_FIELD_CHECK_NONE, "anything", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = curator_field_check_value (cases[i].check, cases[i].value);

      g_assert_cmpstr (problem, ==, cases[i].problem);
    }
#undef not_a_url
#undef not_a_slug
#undef not_a_date
#undef required
}

static void
test_item_labels (void)
{
  static const struct { const char *list_path; guint index; const char *label; } cases[] = {
    /* Known lists say what their items are. */
    { "tags", 0, "Tag 1" },
    { "tags", 1, "Tag 2" },
    { "categories", 2, "Category 3" },
    { "communityTopics", 0, "Community topic 1" },
    { "breadcrumbLinks", 4, "Breadcrumb link 5" },
    { "aliases", 0, "Alias 1" },
    { "author", 0, "Author 1" },
    { "openProjectCustomFields.medigyTopics", 1, "Medigy topic 2" },
    /* Others by the singular of their label. */
    { "hdoTypes", 0, "HDO type 1" },
    { "geographyStates", 2, "Geography state 3" },
    { "geographyZipCodes", 0, "Geography ZIP code 1" },
    { "usDhhsCmsHospitalCompareModel.hcahpsHospital", 3, "HCAHPS hospital 4" },
    { "statuses", 0, "Status 1" },
    { "addresses", 0, "Address 1" },
    { "boxes", 0, "Box 1" },
    { "relatedIds", 0, "Related ID 1" },
    { "analysis", 0, "Analysis 1" },
    { "data", 6, "Data 7" },
    { "us", 0, "US 1" },
    { "people", 1, "Person 2" },
    { "teamPeople", 0, "Team person 1" },
    { "featuredImage.size", 1, "Size 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = curator_field_catalog_dup_item_label (cases[i].list_path, cases[i].index);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static CuratorDocument *
document_from (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  CuratorDocument *document = curator_document_new (NULL);

  g_assert_true (curator_document_load_from_bytes (document, bytes, &error));
  g_assert_no_error (error);
  g_assert_true (curator_document_get_editable (document));

  return document;
}

static void
test_item_titles (void)
{
  g_autoptr(CuratorDocument) document =
    document_from ("---\n"
                   "measures:\n"
                   "- measureName: Communication with nurses\n"
                   "  score: 87\n"
                   "- score: 91\n"
                   "- title: Discharge\n"
                   "  name: other\n"
                   "- measureName: ''\n"
                   "  label: Quietness\n"
                   "- note: |\n"
                   "    two\n"
                   "    lines\n"
                   "  displayName: \"a\\nb\"\n"
                   "- plain\n"
                   "---\n");
  const CuratorNode *list = curator_document_lookup (document, "measures", NULL);

  g_assert_cmpstr (curator_field_catalog_get_item_title (curator_node_get_child (list, 0)), ==,
                   "Communication with nurses");
  g_assert_null (curator_field_catalog_get_item_title (curator_node_get_child (list, 1)));
  g_assert_cmpstr (curator_field_catalog_get_item_title (curator_node_get_child (list, 2)), ==, "Discharge");
  g_assert_cmpstr (curator_field_catalog_get_item_title (curator_node_get_child (list, 3)), ==, "Quietness");
  /* A value on several lines names nothing. */
  g_assert_null (curator_field_catalog_get_item_title (curator_node_get_child (list, 4)));
  g_assert_null (curator_field_catalog_get_item_title (curator_node_get_child (list, 5)));
}

static void
test_labels_in_context (void)
{
  g_autoptr(CuratorDocument) document =
    document_from ("---\n"
                   "title: Labels\n"
                   "link:\n"
                   "  href: https://example.org/\n"
                   "featuredImage:\n"
                   "  wpAttachment:\n"
                   "    fileName: a.jpg\n"
                   "    link: /api/v3/attachments/1/content\n"
                   "openProjectCustomFields:\n"
                   "  sourceUrl: https://example.org/\n"
                   "archetype: curate-content\n"
                   "archeType: profile\n"
                   "measures:\n"
                   "- measureName: a\n"
                   "  score: 1\n"
                   "- measureName: b\n"
                   "  score: 2\n"
                   "---\n");
  g_autoptr(GHashTable) labels = curator_field_catalog_dup_labels (curator_document_get_root (document));

  /* Said once: as it is. */
  g_assert_cmpstr (g_hash_table_lookup (labels, "title"), ==, "Title");
  g_assert_cmpstr (g_hash_table_lookup (labels, "featuredImage.wpAttachment"), ==, "Attachment");
  /* The items of a list share their fields' labels: not a clash. */
  g_assert_cmpstr (g_hash_table_lookup (labels, "measures.measureName"), ==, "Measure name");
  g_assert_cmpstr (g_hash_table_lookup (labels, "measures.score"), ==, "Score");
  /* Said twice: where each is. */
  g_assert_cmpstr (g_hash_table_lookup (labels, "link.href"), ==, "Link (Source link)");
  g_assert_cmpstr (g_hash_table_lookup (labels, "featuredImage.wpAttachment.link"), ==,
                   "Link (Featured image › Attachment)");
  /* The top-level one of a pair is what the label names. */
  g_assert_cmpstr (g_hash_table_lookup (labels, "link"), ==, "Source link");
  g_assert_cmpstr (g_hash_table_lookup (labels, "openProjectCustomFields.sourceUrl"), ==,
                   "Source link (OpenProject fields)");
  /* Two at the top: each says its key. */
  g_assert_cmpstr (g_hash_table_lookup (labels, "archetype"), ==, "Archetype (archetype)");
  g_assert_cmpstr (g_hash_table_lookup (labels, "archeType"), ==, "Archetype (archeType)");
  g_assert_cmpuint (g_hash_table_size (labels), ==, 14);
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
  g_test_add_func ("/ui/field-catalog/item-labels", test_item_labels);
  g_test_add_func ("/ui/field-catalog/item-titles", test_item_titles);
  g_test_add_func ("/ui/field-catalog/labels-in-context", test_labels_in_context);
  g_test_add_func ("/ui/field-catalog/replace-date", test_replace_date);

  return g_test_run ();
}
