/* test_catalogue.c — the rule catalogue and its documentation pages.
 *
 * usage: test_catalogue DOCS-RULES-DIR
 *
 * Every rule id the issue fixed (users put them in suppressions and baselines) must be in the
 * catalogue, spelled exactly so, with its page embedded; every page must have the sections a
 * reader relies on; every docs/rules/<id>.md must belong to a catalogued id. */
#include "rules.h"
#include "test.h"

#include <dirent.h>
#include <stdlib.h>

static const char *const required_ids[] = {
    "ref-leak",           "ref-release-borrowed",   "ref-use-after-release",
    "ref-use-after-steal", "ref-steal-borrowed",    "ref-return-borrowed",
    "ref-borrowed-invalidated", "null-unchecked",   "exc-null-without-error",
    "exc-success-with-error", "format-args",        "methoddef-mismatch",
    "type-dealloc",       "type-traverse",          "api-prefer-strong",
    "analysis-incomplete"};
#define NREQUIRED (sizeof required_ids / sizeof required_ids[0])

static const char *docs_dir;

TEST(every_required_id_is_catalogued) {
  for (size_t i = 0; i < NREQUIRED; i++) {
    const RcRuleInfo *r = rc_rules_find(required_ids[i]);
    if (r == NULL) {
      TEST_FAIL_AT("rule id '%s' is not in rules/catalogue.tbl", required_ids[i]);
      continue;
    }
    CHECK_EQ_STR(r->id, required_ids[i]);
    CHECK(r->summary != NULL && r->summary[0] != '\0');
  }
  const RcRuleInfo *note = rc_rules_find("analysis-incomplete");
  if (note != NULL) CHECK_EQ_INT(note->severity, RC_SEVERITY_NOTE);
  CHECK(rc_rules_find("no-such-rule") == NULL);
}

TEST(every_catalogued_id_has_its_page) {
  static const char *const sections[] = {"## What it means", "## Why it matters", "## Wrong",
                                         "## Right", "## Suppressing it"};
  for (size_t i = 0; i < rc_rules_count(); i++) {
    const RcRuleInfo *r = rc_rules_at(i);
    if (r->page == NULL) {
      TEST_FAIL_AT("rule '%s' has no page docs/rules/%s.md", r->id, r->id);
      continue;
    }
    char title[96];
    snprintf(title, sizeof title, "# %s\n", r->id);
    if (strncmp(r->page, title, strlen(title)) != 0)
      TEST_FAIL_AT("docs/rules/%s.md does not start with '# %s'", r->id, r->id);
    for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++)
      if (strstr(r->page, sections[s]) == NULL)
        TEST_FAIL_AT("docs/rules/%s.md lacks the section '%s'", r->id, sections[s]);
    char suppress[96];
    snprintf(suppress, sizeof suppress, "ignore[%s]", r->id);
    if (strstr(r->page, suppress) == NULL)
      TEST_FAIL_AT("docs/rules/%s.md does not show how to suppress it (%s)", r->id, suppress);
  }
}

TEST(every_page_belongs_to_a_catalogued_id) {
  DIR *d = opendir(docs_dir);
  REQUIRE(d != NULL);
  int pages = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    size_t n = strlen(e->d_name);
    if (n < 4 || strcmp(e->d_name + n - 3, ".md") != 0) continue;
    char id[256];
    snprintf(id, sizeof id, "%.*s", (int)(n - 3), e->d_name);
    pages++;
    if (rc_rules_find(id) == NULL) TEST_FAIL_AT("docs/rules/%s has no rule id in the catalogue", e->d_name);
  }
  closedir(d);
  CHECK_EQ_INT(pages, rc_rules_count());
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fputs("usage: test_catalogue DOCS-RULES-DIR\n", stderr);
    return 2;
  }
  docs_dir = argv[1];
  RUN(every_required_id_is_catalogued);
  RUN(every_catalogued_id_has_its_page);
  RUN(every_page_belongs_to_a_catalogued_id);
  return TEST_SUMMARY();
}
