/** The room's sentence when something could not be saved, read out at once. Nothing when there is none. */
export function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
}
