export function electronBinary(): string | null;
export function tryInstallElectron(timeoutMs?: number): Promise<boolean>;
