/* The one atomic writer and the one JSON file reader (core/atomic_file.h,
 * core/json_file.h): what they write and how they fail. */
#include "core/atomic_file.h"
#include "core/json_file.h"
#include "test_support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

Test(atomic_file, chunks_replace_the_file_and_the_folder_is_synced)
{
    const char *dir = scratch_dir("atomic-chunks");
    char path[4200];
    snprintf(path, sizeof path, "%s/out.bin", dir);
    cr_assert(write_bytes(path, "old", 3));
    unsigned long before = nlp__atomic_writes_synced();
    nlp__chunk parts[] = {{"ab", 2}, {"", 0}, {"cde", 3}};
    cr_assert_eq(nlp__write_chunks_atomic(path, parts, 3), NLP_OK, "%s", nlp_last_error());
    cr_expect_eq(nlp__atomic_writes_synced(), before + 1);
    char *data = NULL;
    size_t size = 0;
    cr_assert_eq(nlp__read_file(path, &data, &size), NLP_OK);
    cr_expect_eq(size, 5);
    cr_expect_str_eq(data, "abcde");
    free(data);
    struct stat sb;
    cr_assert_eq(stat(path, &sb), 0);
    cr_expect_eq(sb.st_mode & 0777, 0644);
    cr_expect_eq(dir_entry_count(dir), 1, "no temporary file is left behind");
}

Test(atomic_file, failure_names_the_path_and_leaves_nothing)
{
    unsigned long before = nlp__atomic_writes_synced();
    cr_assert_eq(nlp__write_atomic("/no/such/folder/x.json", "{}", 2), NLP_ERR_IO);
    cr_expect(strstr(nlp_last_error(), "/no/such/folder/x.json: "), "%s", nlp_last_error());
    cr_expect_eq(nlp__atomic_writes_synced(), before);
}

Test(json_file, missing_file_is_io_naming_the_path_once)
{
    json_t *j = NULL;
    cr_assert_eq(nlp__json_load_object("/no/such/config.json", 0, &j), NLP_ERR_IO);
    const char *e = nlp_last_error();
    cr_expect(strstr(e, "/no/such/config.json: "), "%s", e);
    cr_expect(!strstr(strstr(e, "config.json") + 1, "config.json"), "path twice: %s", e);
    cr_expect_null(j);
}

Test(json_file, bad_json_and_non_objects_are_format_errors_with_file_and_line)
{
    const char *dir = scratch_dir("json-file");
    char path[4200];
    snprintf(path, sizeof path, "%s/bad.json", dir);
    cr_assert(write_bytes(path, "{\n\"a\": 1,\n}\n", 12));
    json_t *j = NULL;
    cr_assert_eq(nlp__json_load_object(path, 0, &j), NLP_ERR_FORMAT);
    cr_expect(strstr(nlp_last_error(), "bad.json:3: invalid JSON"), "%s", nlp_last_error());
    cr_assert(write_bytes(path, "[1]", 3));
    cr_assert_eq(nlp__json_load_object(path, 0, &j), NLP_ERR_FORMAT);
    cr_expect(strstr(nlp_last_error(), "bad.json: the top level is not a JSON object"), "%s",
              nlp_last_error());
    cr_expect_null(j);
}

Test(json_file, save_goes_through_the_atomic_writer)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/x.json", scratch_dir("json-save"));
    json_t *v = json_pack("{s:i}", "a", 1);
    unsigned long before = nlp__atomic_writes_synced();
    cr_assert_eq(nlp__json_save(path, v, JSON_COMPACT), NLP_OK, "%s", nlp_last_error());
    cr_expect_eq(nlp__atomic_writes_synced(), before + 1);
    json_decref(v);
    json_t *back = NULL;
    cr_assert_eq(nlp__json_load_object(path, 0, &back), NLP_OK);
    cr_expect_eq(json_integer_value(json_object_get(back, "a")), 1);
    json_decref(back);
}
