import { z } from 'zod';

// Pairing a seat with the office LAN server (issue #19): what the 系统管理员 types on the seat, from
// what the server printed when it started (npm run server): its address, the one-time code and
// the SHA-256 fingerprint of its certificate.

/** 'AA:BB:…', 'aabb…', with spaces or hyphens → 'AA:BB:…' (64 hex digits), or '' when it is not one. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[\s:-]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.replace(/(..)(?!$)/g, '$1:') : '';
}

export const lanPairingSchema = z.object({
  host: z
    .string({ error: '请填写服务器地址' })
    .trim()
    .min(1, '请填写服务器地址')
    .max(253, '服务器地址过长')
    .regex(/^[A-Za-z0-9.:[\]-]+$/, '服务器地址应为 IP 地址或计算机名，如 192.168.1.10'),
  port: z.number({ error: '请填写端口' }).int('端口应为整数').min(1, '端口应为 1–65535').max(65535, '端口应为 1–65535'),
  code: z
    .string({ error: '请填写配对码' })
    .transform((v) => v.replace(/[\s-]/g, ''))
    .refine((v) => /^\d{12}$/.test(v), '配对码为 12 位数字（服务器启动时显示）'),
  fingerprint: z
    .string({ error: '请填写证书指纹' })
    .transform(normalizeFingerprint)
    .refine((v) => v !== '', '证书指纹为 64 位十六进制数（服务器启动时显示，可带冒号）'),
  name: z.string({ error: '请填写本机名称' }).trim().min(1, '请填写本机名称，如“办公室张秘书的电脑”').max(60, '本机名称不超过 60 个字'),
});
export type LanPairingInput = z.input<typeof lanPairingSchema>;
export type LanPairing = z.output<typeof lanPairingSchema>;
