/*
 * holdopen FILE READY RELEASE — for scripts/windows-smoke.sh under Wine.
 *
 * Opens FILE as Excel does with a workbook it has open (no sharing: other
 * programs can neither read, write, replace nor delete it), creates the file
 * READY, then waits until the file RELEASE exists (30 s at most) and closes
 * FILE. The smoke suite runs ptba meanwhile, to check the message it gives
 * for a file open in another program.
 */
#include <windows.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    HANDLE file, ready;
    int i;

    if (argc != 4) {
        fprintf(stderr, "usage: holdopen FILE READY RELEASE\n");
        return 2;
    }
    file = CreateFileA(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL,
                       OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "holdopen: cannot open %s (error %lu)\n", argv[1],
                GetLastError());
        return 1;
    }
    ready = CreateFileA(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                        FILE_ATTRIBUTE_NORMAL, NULL);
    if (ready != INVALID_HANDLE_VALUE)
        CloseHandle(ready);
    for (i = 0; i < 300; i++) {
        if (GetFileAttributesA(argv[3]) != INVALID_FILE_ATTRIBUTES)
            break;
        Sleep(100);
    }
    CloseHandle(file);
    return 0;
}
