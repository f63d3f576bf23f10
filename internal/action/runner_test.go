package action

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/internal/githubtest"
)

// This file runs action.yml the way a runner runs a composite action: each
// step's run: script with bash, the runner's environment, a fresh
// GITHUB_OUTPUT per step, ${{ }} expressions over inputs, steps and github,
// against the fake API. uses: steps (actions/cache, actions/setup-go) are
// skipped: Go is here, and a cache hit is simulated by putting the binary
// where actions/cache would restore it.

var (
	raceBuild bool // this test binary was built with -race (race_test.go)
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	binDir    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// repoRoot is the action's repository: GITHUB_ACTION_PATH.
func repoRoot(t testing.TB) string {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// goFlags are the flags this test binary was built with that change how
// packages compile: a go build with them reuses the packages `go test`
// already compiled (with -race, the race build's), and only links.
func goFlags() string {
	if raceBuild {
		return "-mod=mod -race"
	}
	return "-mod=mod"
}

// tpgradeBinary builds cmd/tpgrade once per test binary.
func tpgradeBinary(t testing.TB) string {
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "tpgrade-bin-")
		if buildErr != nil {
			return
		}
		builtBin = filepath.Join(binDir, "tpgrade")
		// The flags of action.yml's build step, plus this test's own, so that
		// both builds reuse what `go test` compiled.
		cmd := exec.Command("go", "build", "-ldflags", "-s -w -X main.version=test", "-o", builtBin, "./cmd/tpgrade")
		cmd.Dir = repoRoot(t)
		cmd.Env = append(os.Environ(), "GOFLAGS="+goFlags(), "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID    string            `yaml:"id"`
			Name  string            `yaml:"name"`
			If    string            `yaml:"if"`
			Uses  string            `yaml:"uses"`
			Run   string            `yaml:"run"`
			Shell string            `yaml:"shell"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// runnerJob is one job on the fake runner.
type runnerJob struct {
	*job
	inputs   map[string]string // the workflow's with:
	cacheHit bool              // simulate actions/cache restoring the binary
	stepTime map[string]time.Duration
}

type runnerResult struct {
	code    int               // the composite's exit code (the failing step's)
	log     string            // every step's standard output and error
	outputs map[string]string // the action's outputs
	shown   []string          // the annotation commands GitHub shows, in order
}

// Why: GitHub shows at most 10 annotations of each level per step and 50 per
// job; the rest are dropped silently.
// https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
const (
	shownPerLevelPerStep = 10
	shownPerJob          = 50
)

// annotationsShown is what GitHub shows of a step's annotation commands:
// those outside ::stop-commands:: blocks, 10 per level, 50 in the job.
func annotationsShown(out string, job *[]string) {
	perLevel := map[string]int{}
	stop := ""
	for _, line := range strings.Split(out, "\n") {
		switch {
		case stop == "" && strings.HasPrefix(line, "::stop-commands::"):
			stop = strings.TrimPrefix(line, "::stop-commands::")
			continue
		case stop != "":
			if line == "::"+stop+"::" {
				stop = ""
			}
			continue
		}
		for _, level := range []string{"error", "warning", "notice"} {
			if strings.HasPrefix(line, "::"+level+" ") || strings.HasPrefix(line, "::"+level+"::") {
				perLevel[level]++
				if perLevel[level] <= shownPerLevelPerStep && len(*job) < shownPerJob {
					*job = append(*job, line)
				}
			}
		}
	}
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

func (r *runnerJob) runAction(t *testing.T) runnerResult {
	t.Helper()
	root := repoRoot(t)
	raw, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(raw, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("action.yml runs.using = %q, want composite", a.Runs.Using)
	}
	steps := map[string]map[string]string{}
	var eval func(string) string
	eval = func(s string) string {
		return expr.ReplaceAllStringFunc(s, func(m string) string {
			e := expr.FindStringSubmatch(m)[1]
			parts := strings.Split(e, ".")
			switch {
			case e == "github.action_path":
				return root
			case e == "github.action_ref":
				return ""
			case e == "github.token":
				return "ghs_runner_token"
			case strings.Contains(e, "=="):
				l, r, _ := strings.Cut(e, "==")
				return fmt.Sprint(eval("${{ "+strings.TrimSpace(l)+" }}") == eval("${{ "+strings.TrimSpace(r)+" }}"))
			case len(parts) == 2 && parts[0] == "inputs":
				if v, ok := r.inputs[parts[1]]; ok {
					return v
				}
				in, ok := a.Inputs[parts[1]]
				if !ok {
					t.Fatalf("action.yml uses undeclared input %q", parts[1])
				}
				return eval(in.Default)
			case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
				return steps[parts[1]][parts[3]]
			}
			t.Fatalf("action.yml: expression %q is not understood by this test runner", e)
			return ""
		})
	}
	var log bytes.Buffer
	res := runnerResult{}
	r.stepTime = map[string]time.Duration{}
	for i, st := range a.Runs.Steps {
		if st.Uses != "" {
			fmt.Fprintf(&log, "(skipped %s)\n", st.Uses)
			continue
		}
		if st.Shell != "bash" {
			t.Fatalf("step %d: shell %q; composite run steps need shell: bash", i, st.Shell)
		}
		outFile := filepath.Join(r.temp, fmt.Sprintf("step-%d-output", i))
		if err := os.WriteFile(outFile, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		env := []string{
			"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
			"GOCACHE=" + goEnv(t, "GOCACHE"), "GOMODCACHE=" + goEnv(t, "GOMODCACHE"), "GOPATH=" + goEnv(t, "GOPATH"),
			"GOFLAGS=" + goFlags(), "GOPROXY=off", "GOTOOLCHAIN=local",
			"RUNNER_OS=Linux", "RUNNER_ARCH=" + runnerArch(),
			"GITHUB_OUTPUT=" + outFile,
		}
		for k, v := range r.env {
			if k != "GITHUB_OUTPUT" && !strings.HasPrefix(k, "INPUT_") {
				env = append(env, k+"="+v)
			}
		}
		for k, v := range st.Env {
			env = append(env, k+"="+eval(v))
		}
		script := filepath.Join(r.temp, fmt.Sprintf("step-%d.sh", i))
		if err := os.WriteFile(script, []byte(st.Run), 0o644); err != nil {
			t.Fatal(err)
		}
		// Why: the runner runs shell: bash as bash --noprofile --norc -eo pipefail {0}.
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Env = env
		cmd.Dir = r.ws
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		err := cmd.Run()
		r.stepTime[st.ID] = time.Since(start)
		log.Write(out.Bytes())
		annotationsShown(out.String(), &res.shown)
		outs, rerr := os.ReadFile(outFile)
		if rerr != nil {
			t.Fatal(rerr)
		}
		steps[st.ID] = parseOutputs(string(outs))
		if err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatalf("step %d: %v", i, err)
			}
			res.code = ee.ExitCode()
			break
		}
		if st.ID == "locate" && r.cacheHit && steps["locate"]["prebuilt"] != "true" {
			copyFile(t, tpgradeBinary(t), steps["locate"]["bin"])
		}
	}
	res.log = log.String()
	res.outputs = map[string]string{}
	for name, o := range a.Outputs {
		res.outputs[name] = eval(o.Value)
	}
	return res
}

var goEnvCache sync.Map

func goEnv(t testing.TB, name string) string {
	if v, ok := goEnvCache.Load(name); ok {
		return v.(string)
	}
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	v := strings.TrimSpace(string(out))
	goEnvCache.Store(name, v)
	return v
}

func copyFile(t testing.TB, from, to string) {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func newRunnerJob(t *testing.T, f *githubtest.Checks, report string) *runnerJob {
	j := newJob(t, f, report)
	j.env["GITHUB_ACTION_PATH"] = repoRoot(t)
	return &runnerJob{job: j, cacheHit: true, inputs: map[string]string{
		"rubric":        "internal/action/testdata/rubric.yaml",
		"rubric-sha256": "",
	}}
}

func TestActionYMLFromSourceGradesTheExampleReport(t *testing.T) {
	tpgradeBinary(t) // warms the build cache: the step below then mostly links
	f := newFakeChecks(t)
	r := newRunnerJob(t, f, "example-report.md")
	r.cacheHit = false             // a clean clone: the build step compiles
	r.inputs = map[string]string{} // the defaults of action.yml: the embedded docker-tp1
	res := r.runAction(t)
	if !strings.Contains(res.log, "tpgrade: building from source") {
		t.Errorf("the build step did not build:\n%s", res.log)
	}
	if res.code != 0 && res.code != 1 {
		t.Fatalf("exit code %d:\n%s", res.code, res.log)
	}
	if len(f.Creates) != 1 || len(f.Runs) != 1 {
		t.Fatalf("%d check runs created:\n%s", len(f.Creates), res.log)
	}
	c := f.Creates[0]
	if c.Name != "tpgrade / docker-tp1" || c.HeadSHA != testSHA {
		t.Errorf("check run %q on %s", c.Name, c.HeadSHA)
	}
	want := "Points " + res.outputs["points"] + "/" + res.outputs["max-points"]
	if c.Output.GetTitle() != want || res.outputs["max-points"] != "30" {
		t.Errorf("title %q, outputs %v", c.Output.GetTitle(), res.outputs)
	}
	if !strings.Contains(c.Output.GetSummary(), "| | Critère | Points | Commentaire |") ||
		!strings.HasPrefix(c.Output.GetText(), `{"totalPoints":`+res.outputs["points"]+`,"maxPoints":30}`) {
		t.Errorf("summary/text:\n%s\n%s", c.Output.GetSummary(), c.Output.GetText())
	}
	if got := f.Runs[0].Output.GetAnnotationsCount(); got == 0 {
		t.Error("no annotations on the example report")
	}
	passed := map[int]string{0: "true", 1: "false"}[res.code]
	if res.outputs["passed"] != passed || res.outputs["grade"] == "" || !strings.HasSuffix(res.outputs["report"], ReportFile) {
		t.Errorf("exit %d, outputs %v", res.code, res.outputs)
	}
	if !strings.Contains(res.log, "::notice title=Autograding complete::"+want+"\n") {
		t.Errorf("no Classroom notice in the log:\n%s", res.log)
	}
	// One score everywhere: the terminal report's total line (tpgrade grade's)
	// leads with the same pair (grades.csv's points_awarded/points_available:
	// internal/batch's tests).
	if !strings.Contains(res.log, "Total "+res.outputs["points"]+"/"+res.outputs["max-points"]+" ") {
		t.Errorf("the total line does not show %s:\n%s", want, res.log)
	}
	t.Logf("build step %v, grade step %v", r.stepTime[""], r.stepTime["grade"])
}

func TestActionYMLRunTwiceUpdatesTheCheckRun(t *testing.T) {
	f := newFakeChecks(t)
	r := newRunnerJob(t, f, "todo120.md")
	first := r.runAction(t)
	if first.code != 0 {
		t.Fatalf("exit %d:\n%s", first.code, first.log)
	}
	if got := f.AnnotationBatches(); fmt.Sprint(got) != "[50 50 20]" {
		t.Errorf("annotation requests %v, want [50 50 20]", got)
	}
	second := r.runAction(t)
	if second.code != 0 || len(f.Creates) != 1 || len(f.Runs) != 1 {
		t.Fatalf("re-run: exit %d, %d creates:\n%s", second.code, len(f.Creates), second.log)
	}
	if !strings.Contains(second.log, `updated check run "tpgrade / lab-test"`) {
		t.Errorf("re-run log:\n%s", second.log)
	}
	if f.Runs[0].Output.GetAnnotationsCount() != 120 {
		t.Errorf("%d annotations after the re-run", f.Runs[0].Output.GetAnnotationsCount())
	}
	for k, v := range map[string]string{"points": "2.8", "max-points": "4", "grade": "14", "passed": "true", "tampered": "unknown"} {
		if second.outputs[k] != v {
			t.Errorf("output %s = %q, want %q", k, second.outputs[k], v)
		}
	}
	t.Logf("tpgrade action on 120 findings: %v", r.stepTime["grade"])
}

func TestActionYMLFallbackAndErrors(t *testing.T) {
	t.Run("403 falls back", func(t *testing.T) {
		f := newFakeChecks(t)
		f.ReadOnly = true
		r := newRunnerJob(t, f, "good.md")
		res := r.runAction(t)
		if res.code != 0 || !strings.Contains(res.log, "no check run: the token may not write checks") {
			t.Errorf("exit %d:\n%s", res.code, res.log)
		}
		if !strings.Contains(r.summary(), "No check run was published") || res.outputs["points"] != "4" {
			t.Errorf("summary or outputs missing: %v", res.outputs)
		}
	})
	t.Run("Classroom's notices are among those GitHub shows", func(t *testing.T) {
		f := newFakeChecks(t)
		f.ReadOnly = true
		r := newRunnerJob(t, f, "commands.md") // twelve notes: more notices than GitHub shows
		r.inputs["rubric"] = "internal/action/testdata/commands.yaml"
		res := r.runAction(t)
		shown := strings.Join(res.shown, "\n")
		want := "::notice title=Autograding complete::Points " + res.outputs["points"] + "/" + res.outputs["max-points"]
		if res.code != 0 || !strings.Contains(shown, want) || !strings.Contains(shown, "::notice title=Autograding report::") {
			t.Errorf("exit %d; shown:\n%s\nlog:\n%s", res.code, shown, res.log)
		}
		if n := strings.Count(shown, "::notice "); n != shownPerLevelPerStep {
			t.Errorf("%d notices shown, want %d", n, shownPerLevelPerStep)
		}
	})
	for _, c := range []struct {
		name   string
		report string
		set    func(r *runnerJob)
		code   int
		want   string
	}{
		{"malformed event", "good.md", func(r *runnerJob) { r.env["GITHUB_EVENT_PATH"] = testdata(t, "event-malformed.json") }, 2, "is not valid JSON"},
		{"missing token", "good.md", func(r *runnerJob) { r.inputs["token"] = "" }, 2, "::error title=tpgrade::no token"},
		{"missing report", "", func(*runnerJob) {}, 3, "::error title=tpgrade::no report found: expected README.md"},
		{"below the pass mark", "hostile.md", func(*runnerJob) {}, 1, `::notice title=Autograding complete::Points 2/4`},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeChecks(t)
			r := newRunnerJob(t, f, c.report)
			c.set(r)
			res := r.runAction(t)
			if res.code != c.code || !strings.Contains(res.log, c.want) {
				t.Errorf("exit %d (want %d), log lacks %q:\n%s", res.code, c.code, c.want, res.log)
			}
			if c.name == "missing report" && (len(f.Creates) != 1 || !strings.Contains(f.Creates[0].Output.GetTitle(), "no report found")) {
				t.Errorf("missing report: %d check runs", len(f.Creates))
			}
		})
	}
}

// releaseCopy is a copy of the action as its release commit holds it:
// action.yml with dist/RELEASE and dist/SHA256SUMS, the binaries being
// release assets served by a fake github.com.
type releaseCopy struct {
	dir      string
	served   []string // paths the fake github.com was asked for
	mu       sync.Mutex
	binaries map[string][]byte // asset name -> bytes served
}

func newReleaseCopy(t *testing.T, sums map[string][]byte) *releaseCopy {
	rc := &releaseCopy{dir: t.TempDir(), binaries: map[string][]byte{}}
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rc.dir, "action.yml"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.mu.Lock()
		rc.served = append(rc.served, r.URL.Path)
		b, ok := rc.binaries[path.Base(r.URL.Path)]
		rc.mu.Unlock()
		if !ok || !strings.HasPrefix(r.URL.Path, "/tpgrade/tpgrade/releases/download/v9.9.9/") {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	var lines []string
	for name, b := range sums {
		sum := sha256.Sum256(b)
		lines = append(lines, hex.EncodeToString(sum[:])+"  "+name)
	}
	sort.Strings(lines)
	for name, content := range map[string]string{
		"RELEASE":    "version=v9.9.9\nrepository=tpgrade/tpgrade\nserver=" + srv.URL + "\n",
		"SHA256SUMS": strings.Join(lines, "\n") + "\n",
	} {
		if err := os.MkdirAll(filepath.Join(rc.dir, "dist"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(rc.dir, "dist", name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return rc
}

func runnerArch() string {
	return map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
}

// downloads lists the paths the fake github.com was asked for.
func (rc *releaseCopy) downloads() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return slices.Clone(rc.served)
}

// serve sets the asset served under name; nil serves none.
func (rc *releaseCopy) serve(name string, b []byte) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if b == nil {
		delete(rc.binaries, name)
		return
	}
	rc.binaries[name] = b
}

// locate runs action.yml's first step in the copy, as on runnerOS.
func (rc *releaseCopy) locate(t *testing.T, runnerOS string) (map[string]string, string, error) {
	raw, err := os.ReadFile(filepath.Join(rc.dir, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", a.Runs.Steps[0].Run)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "RUNNER_OS=" + runnerOS, "RUNNER_ARCH=" + runnerArch(),
		"GITHUB_ACTION_PATH=" + rc.dir, "GITHUB_OUTPUT=" + out, "RUNNER_TEMP=" + t.TempDir()}
	log, err := cmd.CombinedOutput()
	b, _ := os.ReadFile(out)
	return parseOutputs(string(b)), string(log), err
}

// A release's binary is downloaded for the action's ref and checked
// against the SHA256SUMS of the release commit: nothing is built.
func TestActionYMLDownloadsAndVerifiesTheReleaseBinary(t *testing.T) {
	bin, err := os.ReadFile(tpgradeBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	win := []byte("MZ windows binary")
	linux, windows := "tpgrade-linux-"+runtime.GOARCH, "tpgrade-windows-"+runtime.GOARCH+".exe"
	rc := newReleaseCopy(t, map[string][]byte{linux: bin, windows: win})
	rc.serve(linux, bin)
	rc.serve(windows, win)

	got, log, err := rc.locate(t, "Linux")
	if err != nil || got["prebuilt"] != "true" || !strings.HasSuffix(got["bin"], "/tpgrade-v9.9.9/tpgrade") {
		t.Fatalf("locate: %v, outputs %v\n%s", err, got, log)
	}
	if out, err := exec.Command(got["bin"], "version").CombinedOutput(); err != nil {
		t.Errorf("the downloaded binary does not run: %v %s", err, out)
	}
	// Windows: the asset is the .exe.
	got, log, err = rc.locate(t, "Windows")
	if err != nil || got["prebuilt"] != "true" || !strings.HasSuffix(got["bin"], "tpgrade.exe") {
		t.Errorf("Windows: %v, outputs %v\n%s", err, got, log)
	}
	if want := "/tpgrade/tpgrade/releases/download/v9.9.9/" + windows; !slices.Contains(rc.downloads(), want) {
		t.Errorf("served %v, want %s", rc.downloads(), want)
	}

	// A binary that is not the one released is refused, not run.
	rc.serve(linux, append(slices.Clone(bin), 0))
	got, log, err = rc.locate(t, "Linux")
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 || !strings.Contains(log, "::error title=tpgrade::"+linux+" of release v9.9.9 has sha256") || got["bin"] != "" {
		t.Errorf("tampered binary: %v, outputs %v\n%s", err, got, log)
	}
	// Unreachable (an Enterprise Server without github.com): built from source, said so.
	rc.serve(linux, nil)
	got, log, err = rc.locate(t, "Linux")
	if err != nil || got["prebuilt"] != "false" || !strings.Contains(log, "building tpgrade from source instead") {
		t.Errorf("no download: %v, outputs %v\n%s", err, got, log)
	}
}

// A release commit that carries its binaries in dist/ (a fork's own
// release) has them checked against SHA256SUMS and used: no download.
func TestActionYMLUsesACommittedReleaseBinary(t *testing.T) {
	bin, err := os.ReadFile(tpgradeBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	asset := "tpgrade-linux-" + runtime.GOARCH
	rc := newReleaseCopy(t, map[string][]byte{asset: bin})
	copyFile(t, tpgradeBinary(t), filepath.Join(rc.dir, "dist", asset))
	got, log, err := rc.locate(t, "Linux")
	if err != nil || got["prebuilt"] != "true" || len(rc.downloads()) != 0 {
		t.Errorf("locate: %v, outputs %v, downloads %v\n%s", err, got, rc.downloads(), log)
	}
}
