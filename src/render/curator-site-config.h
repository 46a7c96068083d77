/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CURATOR_TYPE_SITE_CONFIG (curator_site_config_get_type ())

G_DECLARE_FINAL_TYPE (CuratorSiteConfig, curator_site_config, CURATOR, SITE_CONFIG, GObject)

/* The Hugo site a content file belongs to, and how it renders Markdown:
 * whether raw HTML is published (markup.goldmark.renderer.unsafe, false
 * unless the site says so).
 *
 * The site is the nearest folder above the file with a configuration,
 * read as Hugo 0.111 reads it for a build: the first of hugo.toml,
 * hugo.yaml, hugo.yml, hugo.json, config.toml ... config.json, then the
 * files of config/_default/ and config/production/ in order, each later
 * value winning (a file named markup.* holds the markup key's content).
 * config.* names (common outside Hugo) only count in a folder that also
 * has a content, layouts, themes or archetypes folder.
 *
 * Without a site, nothing is known of its rules: raw HTML is shown. */

CuratorSiteConfig *curator_site_config_load         (GFile               *content_file,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
void               curator_site_config_load_async  (GFile               *content_file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
CuratorSiteConfig *curator_site_config_load_finish (GAsyncResult        *result,
                                                     GError             **error);

/* The site's folder, or NULL when the file is in no site. */
GFile             *curator_site_config_get_root     (CuratorSiteConfig   *self);
/* The configuration file that set the rule (NULL: Hugo's default). */
GFile             *curator_site_config_get_file     (CuratorSiteConfig   *self);
gboolean           curator_site_config_get_raw_html (CuratorSiteConfig   *self);

G_END_DECLS
