/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The libFuzzer entry point (clang -fsanitize=fuzzer). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "curator-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  curator_fuzz_one_input (data, size);
  return 0;
}
