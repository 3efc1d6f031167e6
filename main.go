// Command kintsugi helps a couple rebuild trust after a betrayal: a desktop app, a printable
// workbook, and a small command line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"kintsugi/app"
	"kintsugi/assets"
	"kintsugi/data"
	"kintsugi/screens"
	"kintsugi/workbook"
)

// exitUsage is the exit code for every error a person can cause: a bad flag, a missing case,
// an unwritable file.
const exitUsage = 2

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand of kintsugi.
type command struct {
	name, args, summary string
	run                 func(cl *cli, ctx context.Context, args []string) error
}

type cli struct {
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"workbook", "(--blank [--rebuilding a|b|both] | --case ID) [--db PATH] [--passphrase-file FILE] [--weeks N] [--paper a4|letter] -o FILE.pdf",
			"print the PDF workbook, blank or for one couple", (*cli).workbook},
		{"export", "--case ID -o FILE [--db PATH] [--passphrase-file FILE]",
			"write one couple to a file, to move it to another computer; a locked couple's file is encrypted with its passphrase", (*cli).export},
		{"calendar", "--case ID -o FILE.ics [--db PATH] [--passphrase-file FILE]",
			"write the weekly check-in and the review dates as a calendar file any calendar app imports", (*cli).calendar},
		{"import", "FILE [--db PATH] [--passphrase-file FILE]", "add a couple from an exported file, as a new couple; prints its case ID", (*cli).importCouple},
		{"backup", "[--db PATH] [--list]", "back the database up now (the app also does once a day, keeping seven), or list the backups", (*cli).backup},
		{"restore", "--from FILE [--db PATH]", "replace the database with a backup; the current one is kept as a backup first", (*cli).restore},
		{"lock", "--case ID [--db PATH] [--passphrase-file FILE] [--new-passphrase-file FILE]",
			"set or change a couple's passphrase; their private text is then stored encrypted", (*cli).lock},
		{"sample", "[--db PATH] [--lang CODE]", "create the example couple and print its case ID", (*cli).sample},
		{"cases", "[--db PATH]", "list the couples, one a line", (*cli).cases},
		{"screenshots", "--out DIR [--width W --height H] [--dark] [--lang CODE]", "render every screen of the example couple to PNG files, without a display", (*cli).screenshots},
		{"version", "", "print the version (also: kintsugi --version)", (*cli).version},
		{"help", "[COMMAND]", "show this help, or one command's", (*cli).help},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	cl := &cli{stdout: stdout, stderr: stderr}
	defer func() { // a person never sees a Go panic
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "kintsugi: internal error: %v\n", r)
			code = exitUsage
		}
	}()
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && !slices.Contains([]string{"-h", "--help", "-version", "--version"}, args[0]) {
		return cl.report(cl.window(ctx, args))
	}
	name := args[0]
	switch name {
	case "-h", "--help":
		name = "help"
	case "--version", "-version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			return cl.report(c.run(cl, ctx, args[1:]))
		}
	}
	return cl.report(usageErrorf("unknown command %q; run 'kintsugi help'", name))
}

// usageError is a mistake on the command line, reported as one line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func (cl *cli) report(err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(cl.stderr, "kintsugi: %s\n", oneLine(err.Error()))
	return exitUsage
}

func oneLine(s string) string { return printable(strings.Join(strings.Fields(s), " ")) }

// printable escapes what would move or hide text on a terminal (line breaks, tabs, escape
// sequences, direction overrides: data.IsControl) as \n, \t or \u{...}, so a name or a path
// prints as what it is, on one line. Every other character, in any script, prints as it is.
func printable(s string) string {
	if !strings.ContainsFunc(s, data.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case data.IsControl(r):
			fmt.Fprintf(&b, `\u{%x}`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// flags makes a flag set that prints its help on -h and reports mistakes as one line.
func (cl *cli) flags(name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		line := "kintsugi " + name + " " + args
		if name == "kintsugi" {
			line = "kintsugi " + args
		}
		fmt.Fprintf(cl.stdout, "usage: %s\n\n%s\n\n", line, summary)
		fs.SetOutput(cl.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

func (cl *cli) parse(fs *flag.FlagSet, args []string) error {
	// The flag package prints the whole usage on every mistake; a mistake is one line here, and
	// the usage is shown only when asked for with --help.
	show := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = show
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			show()
			return err
		}
		if fs.Name() == "kintsugi" { // the window's own flags
			return usageErrorf("%v (see 'kintsugi --help')", err)
		}
		return usageErrorf("%s: %v (see 'kintsugi %s --help')", fs.Name(), err, fs.Name())
	}
	if fs.NArg() > 0 {
		return usageErrorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

func describe(name string) (string, string) {
	for _, c := range commands() {
		if c.name == name {
			return c.args, c.summary
		}
	}
	return "", ""
}

func (cl *cli) newFlags(name string) *flag.FlagSet {
	args, summary := describe(name)
	return cl.flags(name, args, summary)
}

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "the database file (default: the app's storage folder)")
}

func (cl *cli) openStore(ctx context.Context, path string) (*data.Store, error) {
	if path == "" {
		var err error
		if path, err = app.DefaultDBPath(); err != nil {
			return nil, err
		}
	}
	if err := app.RemoveLeftovers(path); err != nil {
		return nil, err
	}
	st, err := app.OpenStore(ctx, path)
	if err != nil {
		return nil, offerBackup(ctx, path, err)
	}
	cl.protectBackups(ctx, st)
	return st, nil
}

func (cl *cli) workbook(ctx context.Context, args []string) error {
	fs := cl.newFlags("workbook")
	blank := fs.Bool("blank", false, "a blank workbook, to fill in by hand")
	caseID := fs.Int64("case", 0, "the couple's case `ID` (see 'kintsugi cases')")
	db := dbFlag(fs)
	weeks := fs.Int("weeks", 12, "weekly tracking sheets, 1 to 104")
	paper := fs.String("paper", "", "paper size: a4 or letter (default: the couple's, or a4)")
	passFile := passphraseFlag(fs)
	lang := fs.String("lang", "", "the workbook's language (default: the couple's, or en)")
	rebuilding := fs.String("rebuilding", "", "with --blank: who is rebuilding trust, a, b or both, so each partner's questions print for them (default: ticked by hand on the cover)")
	out := fs.String("o", "", "the PDF `FILE` to write")
	if err := cl.parse(fs, args); err != nil {
		return err
	}
	*paper = strings.ToLower(strings.TrimSpace(*paper)) // "A4", "Letter": whatever case is typed
	switch {
	case *blank == (*caseID != 0):
		return usageErrorf("workbook: give either --blank or --case ID")
	case *out == "":
		return usageErrorf("workbook: give the file to write with -o FILE.pdf")
	case *weeks < 1 || *weeks > 104:
		return usageErrorf("workbook: --weeks must be from 1 to 104, not %d", *weeks)
	case *paper != "" && !data.ValidPaper(*paper):
		return usageErrorf("workbook: --paper must be a4 or letter, not %q", *paper)
	}
	who, err := rebuilderFlag(*rebuilding, *blank)
	if err != nil {
		return err
	}
	if err := checkLang("workbook", *lang); err != nil {
		return err
	}
	opt := workbook.Options{Paper: *paper, Weeks: *weeks, Language: *lang, Rebuilding: who, Warn: func(missing []rune) {
		fmt.Fprintf(cl.stderr, "kintsugi: warning: no font on this computer can draw %s; they print as \uFFFD\n",
			workbook.DescribeRunes(missing))
	}}
	if *blank {
		return app.ExportWorkbook(ctx, nil, 0, *out, opt)
	}
	st, err := cl.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := cl.openCase(ctx, st, *caseID, *passFile); err != nil {
		return err
	}
	if err := cl.warnAltered(ctx, st, *caseID); err != nil {
		return err
	}
	return offerBackup(ctx, st.Path(), app.ExportWorkbook(ctx, st, *caseID, *out, opt))
}

// warnAltered names on the terminal each agreement version changed after both partners signed
// it: the workbook prints it as altered, and a person running a command should not miss that.
func (cl *cli) warnAltered(ctx context.Context, st *data.Store, caseID int64) error {
	versions, err := st.Agreements(ctx, caseID)
	if err != nil {
		return err
	}
	for _, a := range versions {
		if a.Altered() {
			fmt.Fprintf(cl.stderr, "kintsugi: warning: agreement version %d was changed after both partners signed it; it is shown as altered, not as signed\n", a.Version)
		}
	}
	return nil
}

// rebuilderFlag reads --rebuilding in any letter case: a blank workbook's only, as a couple's
// workbook follows the couple.
func rebuilderFlag(v string, blank bool) (data.Rebuilder, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "":
		return "", nil
	case !blank:
		return "", usageErrorf("workbook: --rebuilding is for --blank; a couple's workbook follows the couple")
	case v == "a" || v == "b":
		return data.Rebuilder(strings.ToUpper(v)), nil
	case v == string(data.RebuilderBoth):
		return data.RebuilderBoth, nil
	}
	return "", usageErrorf("workbook: --rebuilding must be a, b or both, not %q", v)
}

func passphraseFlag(fs *flag.FlagSet) *string {
	return fs.String("passphrase-file", "", "read a locked couple's passphrase from `FILE` instead of asking on the terminal")
}

// openCase checks a couple exists and, when it is locked, opens it with its passphrase.
func (cl *cli) openCase(ctx context.Context, st *data.Store, caseID int64, passFile string) error {
	if _, err := st.Case(ctx, caseID); errors.Is(err, data.ErrNotFound) {
		return usageErrorf("there is no case %d; 'kintsugi cases' lists them", caseID)
	} else if err != nil {
		return err
	}
	return passphrases{cl: cl, file: passFile}.unlock(ctx, st, caseID)
}

func (cl *cli) lock(ctx context.Context, args []string) error {
	fs := cl.newFlags("lock")
	caseID := fs.Int64("case", 0, "the couple's case `ID`")
	db := dbFlag(fs)
	passFile := passphraseFlag(fs)
	newFile := fs.String("new-passphrase-file", "", "read the new passphrase from `FILE` instead of asking on the terminal")
	if err := cl.parse(fs, args); err != nil {
		return err
	}
	if *caseID == 0 {
		return usageErrorf("lock: give the couple with --case ID")
	}
	st, err := cl.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := cl.openCase(ctx, st, *caseID, *passFile); err != nil {
		return err
	}
	pass, err := passphrases{cl: cl}.readNew(*newFile)
	if err != nil {
		return err
	}
	report, err := app.Lock(ctx, st, *caseID, pass)
	if err != nil {
		return offerBackup(ctx, st.Path(), err)
	}
	fmt.Fprintf(cl.stdout, "Case %d is locked with the new passphrase.\n", *caseID)
	if report.Resealed+report.Replaced > 0 {
		fmt.Fprintf(cl.stdout, "Earlier backups were protected too: %d re-sealed, %d replaced by a new backup.\n", report.Resealed, report.Replaced)
	}
	return nil
}

// protectBackups replaces backups that still show a locked couple in plain text (a lock that
// was interrupted before it reached them). A failure does not stop the start; it is said once.
func (cl *cli) protectBackups(ctx context.Context, st *data.Store) {
	if _, err := app.ProtectBackups(ctx, st); err != nil {
		fmt.Fprintf(cl.stderr, "kintsugi: warning: %s\n", oneLine(err.Error()))
	}
}

// withStore runs a command whose only flag is --db, on the opened store.
func (cl *cli) withStore(ctx context.Context, fs *flag.FlagSet, args []string, run func(st *data.Store) error) error {
	db := dbFlag(fs)
	if err := cl.parse(fs, args); err != nil {
		return err
	}
	st, err := cl.openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	return offerBackup(ctx, st.Path(), run(st))
}

// checkLang refuses a --lang with no content embedded; "" is the default.
func checkLang(cmd, lang string) error {
	if lang == "" {
		return nil
	}
	langs, err := data.Languages(assets.FS)
	if err != nil {
		return err
	}
	if !slices.Contains(langs, lang) {
		return usageErrorf("%s: --lang must be one of %s, not %q", cmd, strings.Join(langs, ", "), lang)
	}
	return nil
}

func (cl *cli) sample(ctx context.Context, args []string) error {
	fs := cl.newFlags("sample")
	lang := fs.String("lang", "en", "the example couple's language, and its workbook's")
	return cl.withStore(ctx, fs, args, func(st *data.Store) error {
		if err := checkLang("sample", *lang); err != nil {
			return err
		}
		content, err := app.LoadContent(*lang)
		if err != nil {
			return err
		}
		c, err := app.CreateSample(ctx, st, content, app.Now())
		if err != nil {
			return err
		}
		fmt.Fprintln(cl.stdout, c.ID)
		return nil
	})
}

func (cl *cli) cases(ctx context.Context, args []string) error {
	return cl.withStore(ctx, cl.newFlags("cases"), args, func(st *data.Store) error {
		cs, err := st.Cases(ctx)
		if err != nil {
			return err
		}
		for _, c := range cs {
			fmt.Fprintf(cl.stdout, "%d\t%s\tstarted %s\tlast activity %s%s\n", c.ID, printable(c.Title()),
				orDash(c.StartDate.String()), c.UpdatedAt.Local().Format("2006-01-02 15:04"), caseMarks(c))
		}
		return nil
	})
}

// caseMarks is what the office's list says of a couple besides its name: its code, and
// whether it is finished or the example.
func caseMarks(c data.Case) string {
	var out string
	if c.Code != "" {
		out += "\tcode " + printable(c.Code)
	}
	if c.Finished {
		out += "\tfinished"
	}
	if c.Example {
		out += "\texample"
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (cl *cli) help(ctx context.Context, args []string) error {
	switch {
	case len(args) > 1 || len(args) == 1 && strings.HasPrefix(args[0], "-"):
		return usageErrorf("help: give at most one command, as in 'kintsugi help import'")
	case len(args) == 1:
		for _, c := range commands() {
			if c.name == args[0] && c.name != "help" {
				return c.run(cl, ctx, []string{"--help"})
			}
		}
		return usageErrorf("help: there is no command %s; 'kintsugi help' lists them", printable(fmt.Sprintf("%q", args[0])))
	}
	fmt.Fprintln(cl.stdout, "Kintsugi: a guided workbook for couples rebuilding trust. Everything stays on this computer.")
	fmt.Fprintln(cl.stdout, "\nusage:\n  kintsugi [--db PATH]            open the desktop app")
	for _, c := range commands() {
		fmt.Fprintf(cl.stdout, "  kintsugi %-9s %s\n      %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(cl.stdout, "\n'kintsugi COMMAND --help' describes each command's flags.")
	return nil
}

func (cl *cli) window(ctx context.Context, args []string) error {
	fs := cl.flags("kintsugi", "[--db PATH]", "open the desktop app")
	db := dbFlag(fs)
	if err := cl.parse(fs, args); err != nil {
		return err
	}
	if why := noDisplay(); why != "" {
		return usageError{why}
	}
	path := *db
	if path == "" {
		var err error
		if path, err = app.DefaultDBPath(); err != nil {
			return err
		}
	}
	if err := app.RemoveLeftovers(path); err != nil {
		return err
	}
	st, err := app.OpenStore(ctx, path)
	if errors.Is(err, data.ErrDamaged) {
		return runRecovery(ctx, path, err)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	cl.protectBackups(ctx, st)
	return runWindow(ctx, st)
}

// runRecovery shows a damaged database's problem in a window, for people who started Kintsugi
// from an icon and would never see a terminal, and offers the newest good backup.
func runRecovery(ctx context.Context, path string, problem error) error {
	a := fyneapp.NewWithID(app.ID)
	content, err := windowContent(a)
	if err != nil {
		return err
	}
	var offer *data.BackupInfo
	if b, err := app.NewestGoodBackup(ctx, app.BackupDir(path)); err == nil {
		offer = &b
	}
	r := screens.NewRecoveryWindow(a, content, problem, offer, func() error {
		return data.Restore(ctx, offer.Path, path, app.BackupDir(path))
	})
	r.ShowAndRun()
	return offerBackup(ctx, path, problem)
}

// windowContent is the content in the window's language: the one chosen in the Kintsugi menu,
// else the system's.
func windowContent(a fyne.App) (*data.Content, error) {
	return app.LoadContent(app.WindowLanguage(a.Preferences().String(screens.PrefLanguage), lang.SystemLocale().String()))
}

// offerBackup turns a damaged database into one line that says how to get the work back. The
// damage may be found at open, by the full check before a first write, or by a read.
func offerBackup(ctx context.Context, path string, err error) error {
	if !data.IsDamaged(err) {
		return err
	}
	if !errors.Is(err, data.ErrDamaged) {
		err = fmt.Errorf("%w: %v", data.ErrDamaged, err)
	}
	b, berr := app.NewestGoodBackup(ctx, app.BackupDir(path))
	if berr != nil {
		return fmt.Errorf("%w; no good backup was found in %s", err, app.BackupDir(path))
	}
	return fmt.Errorf("%w; it was not changed. The newest good backup is from %s: restore it with 'kintsugi restore --from %s'",
		err, b.Time.Local().Format("2006-01-02 15:04"), b.Path)
}

func runWindow(ctx context.Context, st *data.Store) error {
	a := fyneapp.NewWithID(app.ID)
	content, err := windowContent(a)
	if err != nil {
		return err
	}
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	state := app.NewState(ctx, st, content)
	w := screens.NewMainWindow(a, state)
	// The full check of the file runs in the background, then the daily backup.
	state.StartBackups(func(problem error) {
		var offer *data.BackupInfo
		if b, err := app.NewestGoodBackup(ctx, app.BackupDir(st.Path())); err == nil {
			offer = &b
		}
		fyne.Do(func() { w.ShowDamaged(problem, offer) })
	})
	// A logout or kill asks politely first: save what was typed, then quit.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(stop)
	go func() {
		if _, ok := <-stop; ok {
			state.Flush()
			fyne.Do(a.Quit)
		}
	}()
	w.Win.ShowAndRun()
	return state.Close()
}

// renderScreenshots is set only in a build with -tags screenshots (main_screenshots.go): the
// renderer drives Fyne's test driver, which the app people run does not carry.
var renderScreenshots func(state *app.State, dir string, size fyne.Size, dark bool) ([]string, error)

func (cl *cli) screenshots(ctx context.Context, args []string) error {
	fs := cl.newFlags("screenshots")
	out := fs.String("out", "", "the folder to write the PNG files to")
	width := fs.Int("width", 1100, "window width in pixels")
	height := fs.Int("height", 740, "window height in pixels")
	dark := fs.Bool("dark", false, "render the dark variant of the theme instead of the light one")
	lang := fs.String("lang", "en", "the window's language")
	if err := cl.parse(fs, args); err != nil {
		return err
	}
	if err := checkLang("screenshots", *lang); err != nil {
		return err
	}
	if *out == "" {
		return usageErrorf("screenshots: give the folder to write to with --out DIR")
	}
	if *width < 900 || *height < 600 {
		return usageErrorf("screenshots: the window is designed for 900x600 and up")
	}
	if renderScreenshots == nil {
		return usageErrorf("screenshots: this build has no screenshot renderer; use make screenshots (go run -tags screenshots . screenshots --out DIR)")
	}
	// A throwaway database: screenshots never touch a couple's real data.
	tmp, err := os.MkdirTemp("", "kintsugi-shots-")
	if err != nil {
		return fmt.Errorf("screenshots: %w", err)
	}
	defer os.RemoveAll(tmp)
	st, err := app.OpenStore(ctx, filepath.Join(tmp, "sample.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	content, err := app.LoadContent(*lang)
	if err != nil {
		return err
	}
	state := app.NewState(ctx, st, content)
	defer state.Close()
	files, err := renderScreenshots(state, *out, fyne.NewSize(float32(*width), float32(*height)), *dark)
	for _, f := range files {
		fmt.Fprintln(cl.stdout, printable(f))
	}
	return err
}

func (cl *cli) backup(ctx context.Context, args []string) error {
	fs := cl.newFlags("backup")
	list := fs.Bool("list", false, "list the backups, newest first, instead of making one")
	return cl.withStore(ctx, fs, args, func(st *data.Store) error {
		dir := app.BackupDir(st.Path())
		if *list {
			backups, err := data.Backups(dir)
			for _, b := range backups {
				fmt.Fprintf(cl.stdout, "%s\t%s\t%d bytes\n", printable(b.Path), b.Time.Local().Format("2006-01-02 15:04"), b.Size)
			}
			return err
		}
		path, err := app.BackupNow(ctx, st, app.Now())
		if err != nil {
			return err
		}
		fmt.Fprintln(cl.stdout, printable(path))
		return nil
	})
}

func (cl *cli) restore(ctx context.Context, args []string) error {
	fs := cl.newFlags("restore")
	from := fs.String("from", "", "the backup `FILE` to restore ('kintsugi backup --list' shows them)")
	db := dbFlag(fs)
	if err := cl.parse(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return usageErrorf("restore: give the backup with --from FILE; 'kintsugi backup --list' shows them")
	}
	path := *db
	if path == "" {
		var err error
		if path, err = app.DefaultDBPath(); err != nil {
			return err
		}
	}
	if err := app.RemoveLeftovers(path); err != nil {
		return err
	}
	if err := data.Restore(ctx, *from, path, app.BackupDir(path)); err != nil {
		return err
	}
	fmt.Fprintf(cl.stdout, "Restored %s from %s. The database as it was is kept among the backups.\n", printable(path), printable(*from))
	return nil
}

func (cl *cli) export(ctx context.Context, args []string) error {
	fs := cl.newFlags("export")
	caseID := fs.Int64("case", 0, "the couple's case `ID`")
	out := fs.String("o", "", "the `FILE` to write")
	passFile := passphraseFlag(fs)
	return cl.withStore(ctx, fs, args, func(st *data.Store) error {
		if *caseID == 0 || *out == "" {
			return usageErrorf("export: give the couple with --case ID and the file with -o FILE")
		}
		if _, err := st.Case(ctx, *caseID); errors.Is(err, data.ErrNotFound) {
			return usageErrorf("export: there is no case %d; 'kintsugi cases' lists them", *caseID)
		}
		pass := ""
		if locked, err := st.IsLocked(ctx, *caseID); err != nil {
			return err
		} else if locked { // the file is encrypted with the couple's own passphrase
			var err error
			if pass, err = (passphrases{cl: cl}).read(*passFile, "Passphrase: "); err != nil {
				return err
			}
			if err := st.Unlock(ctx, *caseID, pass); err != nil {
				return err
			}
		}
		return app.ExportCouple(ctx, st, *caseID, *out, pass)
	})
}

func (cl *cli) calendar(ctx context.Context, args []string) error {
	fs := cl.newFlags("calendar")
	caseID := fs.Int64("case", 0, "the couple's case `ID`")
	out := fs.String("o", "", "the .ics `FILE` to write")
	passFile := passphraseFlag(fs)
	return cl.withStore(ctx, fs, args, func(st *data.Store) error {
		if *caseID == 0 || *out == "" {
			return usageErrorf("calendar: give the couple with --case ID and the file with -o FILE.ics")
		}
		if _, err := st.Case(ctx, *caseID); errors.Is(err, data.ErrNotFound) {
			return usageErrorf("calendar: there is no case %d; 'kintsugi cases' lists them", *caseID)
		}
		if locked, err := st.IsLocked(ctx, *caseID); err != nil {
			return err
		} else if locked {
			pass, err := (passphrases{cl: cl}).read(*passFile, "Passphrase: ")
			if err != nil {
				return err
			}
			if err := st.Unlock(ctx, *caseID, pass); err != nil {
				return err
			}
		}
		d, err := st.Dossier(ctx, *caseID)
		if err != nil {
			return err
		}
		content, err := app.LoadContent(d.Case.Language)
		if err != nil {
			return err
		}
		return app.ExportCalendar(d, content, *out)
	})
}

func (cl *cli) importCouple(ctx context.Context, args []string) error {
	fs := cl.newFlags("import")
	passFile := passphraseFlag(fs)
	db := dbFlag(fs)
	// The file comes first ("kintsugi import FILE --db ..."); flags may follow it.
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if err := cl.parse(fs, args); err != nil {
			return err
		}
		return usageErrorf("import: give the exported file: kintsugi import FILE")
	}
	file := args[0]
	if err := cl.parse(fs, args[1:]); err != nil {
		return err
	}
	path := *db
	if path == "" {
		var err error
		if path, err = app.DefaultDBPath(); err != nil {
			return err
		}
	}
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, os.ErrNotExist)
	st, err := cl.openStore(ctx, path)
	if err != nil {
		return err
	}
	c, err := app.ImportCouple(ctx, st, file, func() (string, error) {
		return passphrases{cl: cl}.read(*passFile, "Passphrase of the file: ")
	})
	if closeErr := st.Close(); err == nil && closeErr != nil {
		return fmt.Errorf("close store %s: %w", path, closeErr)
	}
	if err != nil {
		if fresh { // a refused import into a database made for it leaves no empty database behind
			cl.removeDatabase(path)
			return err
		}
		return offerBackup(ctx, path, err)
	}
	fmt.Fprintln(cl.stdout, c.ID)
	return nil
}

// removeDatabase removes a database file with its log and shared-memory files.
func (cl *cli) removeDatabase(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(cl.stderr, "kintsugi: could not remove %s: %v\n", p, err)
		}
	}
}
