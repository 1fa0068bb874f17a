/** An error a person can meet: its message is a sentence that says what to do. */
export class RoomError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RoomError';
  }
}
