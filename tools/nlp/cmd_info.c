/* cmd_info.c - nlp info DIR [--json]: describe a checkpoint directory. */
#include "cli.h"

#include <string.h>

int cli_info(int argc, char **argv)
{
    const char *dir = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--help") == 0) {
            printf("usage: nlp info DIR [--json]\n");
            return 0;
        } else if (!dir)
            dir = argv[i];
        else
            return cli_usage_error("info: unexpected argument '%s'", argv[i]);
    }
    if (!dir)
        return cli_usage_error("info: missing checkpoint directory (usage: nlp info DIR [--json])");
    (void)json;
    return cli_usage_error("info: not implemented yet");
}
