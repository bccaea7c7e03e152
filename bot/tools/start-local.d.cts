/** Types for start-local.cjs (plain JavaScript so it runs before the build), for tests/bot/start-local.test.ts. */
export interface Decision {
  readonly needed: boolean;
  readonly reason: string;
}
export interface WantedInstall {
  readonly lock: string;
  readonly abi: string;
  readonly platform: string;
}
export interface Runtime {
  readonly versions: { readonly modules: string };
  readonly platform: string;
  readonly arch: string;
}
/** relative path -> "size:mtimeMs" */
export type Listing = Record<string, string>;

export const BUILD_INPUTS: readonly string[];
export const BUILD_STAMP: string;
export const INSTALL_STAMP: string;
export function installDecision(state: { nodeModules: boolean; stamp: unknown; wanted: WantedInstall }): Decision;
export function installsDevDependencies(env?: Record<string, string | undefined>): boolean;
export function buildDecision(state: { stamp: unknown; current: Listing; outputs: boolean }): Decision;
export function sourceListing(root: string, inputs?: readonly string[]): Listing;
export function wantedInstall(root: string, runtime?: Runtime): WantedInstall;
export function planStart(
  root: string,
  options?: { force?: { install?: boolean; build?: boolean }; runtime?: Runtime },
): { install: Decision; build: Decision };
export function recordInstall(root: string, runtime?: Runtime): void;
export function recordBuildStarted(root: string): void;
export function recordBuilt(root: string): void;
