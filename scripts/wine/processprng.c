/*
 * ProcessPrng shim for running the Windows build of ptba under Wine 8 — CI only.
 *
 * Rust's standard library (1.78 and later) draws its random numbers from
 * ProcessPrng in bcryptprimitives.dll, which Windows 10 and later ship but
 * Wine 8 (Debian 12's wine64) lacks: without it the .exe does not even start
 * under Wine. This DLL, named bcryptprimitives.dll and put beside the .exe,
 * exports ProcessPrng and forwards it to SystemFunction036 (RtlGenRandom,
 * advapi32), which Wine has.
 *
 * It is built by scripts/windows-smoke.sh for the Wine run only and is never
 * shipped: real Windows has the genuine DLL.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* RtlGenRandom takes a ULONG length: feed large requests in pieces. */
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
