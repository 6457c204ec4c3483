import type { Platform } from '../../src/model/schema.ts';
import type { SandboxFacade } from './facade.ts';
import { googleFacade } from './google/facade.ts';
import { microsoftFacade } from './microsoft/facade.ts';

/**
 * The sandbox's own table of provider facades, by the fixture's platform. It is
 * separate from the product's provider registry on purpose: the sandbox is an
 * emulator that stands alone (`binome sandbox`) and shares no code with the service
 * that talks to it.
 */
const facades: Partial<Record<Platform, () => SandboxFacade>> = {
  microsoft: microsoftFacade,
  google: googleFacade,
};

export function facadeFor(platform: Platform): SandboxFacade {
  const create = facades[platform];
  if (create === undefined) throw new Error(`the sandbox has no ${platform} facade yet`);
  return create();
}
