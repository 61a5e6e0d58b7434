// Package tasks wraps HighLevel's endpoints for the tasks of a contact: list, get, create, update, mark
// completed and delete.
//
// Due dates are time.Time. They are sent as HighLevel writes them, in UTC with milliseconds
// ("2021-07-08T02:30:00.000Z"), and read from any of the formats HighLevel answers with; a due date in a
// format the package cannot read leaves DueDate zero and stays readable in Task.Raw.
//
// Reads, updates, completions and deletions are retried on transient failures; a create is never sent again
// once it may have reached HighLevel, since that could make a second task.
package tasks
