/* Test-only shim for Wine 8 (Debian 12), which lacks bcryptprimitives.dll.
 * Rust's standard library imports ProcessPrng from it (Windows 10+ has it);
 * this forwards to BCryptGenRandom, which Wine does have. Built and placed
 * beside bimtek.exe by scripts/ci-windows.sh only. NEVER ship it: real
 * Windows has the genuine DLL. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
