import type { BuildOptions } from 'esbuild';

export function electronBuilds(options: { development: boolean; outDir?: string }): BuildOptions[];
