import * as fs from 'fs';

/**
 * Peak resident set size of this process in MiB: `VmHWM` from `/proc/self/status` (Linux), else
 * `process.resourceUsage().maxRSS` (KiB on every platform Node supports).
 */
export function peakRssMiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}
