"""Staff access: the PIN and its lockout. No Qt, so `set-pin` works without a display."""
