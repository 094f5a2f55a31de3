"""One patient's visit as plain data, no Qt: where they are and how they got there
(navigation), and everything they can change until the next reset (session)."""
