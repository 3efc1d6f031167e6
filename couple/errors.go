package couple

// InputError is a rule broken by what a person asked for, with a message meant for them.
type InputError struct {
	Msg string // in English, for the command line and the logs
	// Key, when set, names the content text (with Args) that says it in the window's language.
	Key  string
	Args []any
}

func (e *InputError) Error() string { return e.Msg }

func refuse(msg string) error { return &InputError{Msg: msg} }

// ErrNotYours is refused when someone acts for the partner who is not at the keyboard.
var ErrNotYours error = &InputError{Msg: "each partner agrees, signs and ticks only for themselves: the other partner needs to be at the keyboard"}
