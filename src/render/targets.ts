/** compose: docker-compose.yml and confs beside the spec; kubernetes: manifests in ./kubernetes. */
export const RENDER_TARGETS = ['compose', 'kubernetes'] as const;
export type RenderTarget = (typeof RENDER_TARGETS)[number];
/** Where `render --target kubernetes` writes unless --out says otherwise (relative to the spec). */
export const KUBERNETES_OUT_DIR = 'kubernetes';
