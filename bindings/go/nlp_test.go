package nlp

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The expected-results file of tests/bindings/expected.c (NLP_EXPECTED).
type expectedFile struct {
	Version string         `json:"version"`
	Sizes   map[string]int `json:"sizes"`
	Ner     nerCases       `json:"ner"`
	NerAvg  nerCases       `json:"ner_average"`
	Toxic   struct {
		Prefix string `json:"prefix"`
		Cases  []struct {
			Text string `json:"text"`
			ToxicResult
		} `json:"cases"`
	} `json:"toxic"`
	Tokenizer map[string]struct {
		VocabSize int            `json:"vocab_size"`
		Texts     []encodingCase `json:"texts"`
		Words     encodingCase   `json:"words"`
	} `json:"tokenizer"`
}

type nerCases struct {
	Labels []string `json:"labels"`
	Cases  []struct {
		Text     string   `json:"text"`
		Entities []Entity `json:"entities"`
	} `json:"cases"`
}

type encodingCase struct {
	Text        string   `json:"text"`
	Words       []string `json:"words"`
	IDs         []int32  `json:"ids"`
	Tokens      []string `json:"tokens"`
	Start       []int    `json:"start"`
	End         []int    `json:"end"`
	ByteStart   []int    `json:"byte_start"`
	ByteEnd     []int    `json:"byte_end"`
	WordIDs     []int    `json:"word_ids"`
	SpecialMask []int    `json:"special_mask"`
}

func sharedDir() string {
	if d := os.Getenv("NLP_SHARED_DIR"); d != "" {
		return d
	}
	return "../../../shared"
}

func fixture(name string) string { return filepath.Join(sharedDir(), "fixtures", name) }

func loadExpected(t *testing.T) *expectedFile {
	path := os.Getenv("NLP_EXPECTED")
	if path == "" {
		t.Skip("NLP_EXPECTED is not set (run through ctest)")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var e expectedFile
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	return &e
}

func TestVersion(t *testing.T) {
	if e := loadExpected(t); Version() != e.Version {
		t.Fatalf("library %s, expected file %s", Version(), e.Version)
	}
}

func TestNerEqualsExpected(t *testing.T) {
	e := loadExpected(t)
	for _, c := range []struct {
		agg  Aggregation
		want nerCases
	}{{AggregationFirst, e.Ner}, {AggregationAverage, e.NerAvg}} {
		m, err := LoadNer(fixture("bert-tiny-ner"), &NerOptions{Device: "cpu", Aggregation: c.agg})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(m.Labels(), c.want.Labels) {
			t.Fatalf("labels %v, want %v", m.Labels(), c.want.Labels)
		}
		var texts []string
		for _, tc := range c.want.Cases {
			got, err := m.Run(tc.Text)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.Entities) || (len(got) > 0 && !reflect.DeepEqual(got, tc.Entities)) {
				t.Fatalf("%q: got %+v, want %+v", tc.Text, got, tc.Entities)
			}
			for _, en := range got {
				if tc.Text[en.ByteStart:en.ByteEnd] != en.Text || len([]rune(tc.Text[:en.ByteStart])) != en.Start {
					t.Fatalf("%q: offsets of %+v", tc.Text, en)
				}
			}
			texts = append(texts, tc.Text)
		}
		batch, err := m.RunBatch(texts)
		if err != nil || len(batch) != len(texts) {
			t.Fatal(err)
		}
		for i, b := range batch {
			if len(b) != len(c.want.Cases[i].Entities) {
				t.Fatalf("batch %d: %d entities, want %d", i, len(b), len(c.want.Cases[i].Entities))
			}
			for j, en := range b {
				w := c.want.Cases[i].Entities[j]
				if en.Class != w.Class || en.Start != w.Start || en.End != w.End ||
					math.Abs(float64(en.Score-w.Score)) > 1e-5*float64(w.Score) {
					t.Fatalf("batch %d: %+v, want %+v", i, en, w)
				}
			}
		}
		m.Close()
		if _, err := m.Run("x"); err != ErrClosed {
			t.Fatalf("closed model: %v", err)
		}
	}
}

func TestToxicEqualsExpected(t *testing.T) {
	e := loadExpected(t)
	m, err := LoadToxic(fixture("t5-tiny"), &ToxicOptions{Prefix: e.Toxic.Prefix, Device: "cpu",
		Labels: []ToxicLabel{{"yes", true}, {"no", false}}})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for _, c := range e.Toxic.Cases {
		got, err := m.Classify(c.Text)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.ToxicResult {
			t.Fatalf("%q: got %+v, want %+v", c.Text, got, c.ToxicResult)
		}
		if v, _ := m.IsToxic(c.Text); v != c.IsToxic {
			t.Fatalf("IsToxic(%q) = %v", c.Text, v)
		}
	}
	texts := []string{e.Toxic.Cases[0].Text, e.Toxic.Cases[1].Text}
	batch, err := m.ClassifyBatch(texts)
	if err != nil || batch[0].IsToxic != e.Toxic.Cases[0].IsToxic || batch[1].Generated != e.Toxic.Cases[1].Generated {
		t.Fatalf("batch: %+v %v", batch, err)
	}
}

func checkEncoding(t *testing.T, got *Encoding, want encodingCase) {
	t.Helper()
	if !reflect.DeepEqual(got.IDs, want.IDs) || !reflect.DeepEqual(got.Tokens, want.Tokens) ||
		!reflect.DeepEqual(got.Start, want.Start) || !reflect.DeepEqual(got.End, want.End) ||
		!reflect.DeepEqual(got.ByteStart, want.ByteStart) || !reflect.DeepEqual(got.ByteEnd, want.ByteEnd) ||
		!reflect.DeepEqual(got.WordIDs, want.WordIDs) || !reflect.DeepEqual(got.SpecialMask, want.SpecialMask) {
		t.Fatalf("%q: got %+v, want %+v", want.Text, got, want)
	}
}

func TestTokenizersEqualExpected(t *testing.T) {
	e := loadExpected(t)
	for kind, dir := range map[string]string{"bert": "bert-tiny-ner", "t5": "t5-tiny"} {
		tok, err := LoadTokenizer(fixture(dir))
		if err != nil {
			t.Fatal(err)
		}
		want := e.Tokenizer[kind]
		if tok.Kind() != kind || tok.VocabSize() != want.VocabSize {
			t.Fatalf("%s: kind %s, vocab %d", kind, tok.Kind(), tok.VocabSize())
		}
		for _, c := range want.Texts {
			got, err := tok.Encode(c.Text, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkEncoding(t, got, c)
		}
		got, err := tok.EncodeWords(want.Words.Words, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkEncoding(t, got, want.Words)
		tok.Close()
	}
}

func TestTokenizerLookups(t *testing.T) {
	tok, err := LoadTokenizer(fixture("bert-tiny-ner"))
	if err != nil {
		t.Fatal(err)
	}
	defer tok.Close()
	enc, _ := tok.Encode("EU rejects German call", nil)
	if s, err := tok.Decode(enc.IDs, true); err != nil || s != "EU rejects German call" {
		t.Fatalf("decode: %q %v", s, err)
	}
	if id, err := tok.TokenToID("[SEP]"); err != nil || id != enc.IDs[len(enc.IDs)-1] {
		t.Fatalf("[SEP]: %d %v", id, err)
	}
	if _, err := tok.TokenToID("no-such-token-here"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing token: %v", err)
	}
	if s, ok := tok.IDToToken(enc.IDs[0]); !ok || s != "[CLS]" {
		t.Fatalf("id 0: %q", s)
	}
	short, _ := tok.Encode("EU rejects German call", &EncodeOptions{MaxLength: 3})
	if len(short.IDs) != 3 || short.Truncated == 0 {
		t.Fatalf("truncation: %+v", short)
	}
}

func TestErrors(t *testing.T) {
	_, err := LoadNer(filepath.Join(t.TempDir(), "nothing-here"), nil)
	var e *Error
	if !errors.As(err, &e) || e.Status != ErrIO || !strings.Contains(e.Message, "nothing-here") {
		t.Fatalf("missing dir: %v", err)
	}
	if !errors.Is(err, ErrIO) {
		t.Fatal("errors.Is(err, ErrIO) is false")
	}
	if _, err := DeviceCheck("gpu0"); !errors.Is(err, ErrInvalidArg) {
		t.Fatalf("bad device: %v", err)
	}
	if _, err := LoadToxic(fixture("t5-tiny"), &ToxicOptions{Labels: []ToxicLabel{{"yes", true}, {"{}", false}}}); !errors.Is(err, ErrInvalidArg) || !strings.Contains(err.Error(), "{}") {
		t.Fatalf("bad label: %v", err)
	}
}

func smallNerRun(out string) TrainOptions {
	o := DefaultTrainOptions()
	o.OutputDir = out
	o.MaxSteps, o.BatchSize, o.MaxTrainExamples, o.MaxEvalExamples = 2, 8, 16, 8
	o.EvalSteps, o.LoggingSteps, o.Seed, o.LearningRate = 1, 1, 7, 1e-3
	return o
}

func conll(name string) string { return filepath.Join(sharedDir(), "data", "conll2003", name) }

func TestTrainNerProgressCancelAndEvaluate(t *testing.T) {
	if os.Getenv("NLP_EXPECTED") == "" {
		t.Skip("run through ctest")
	}
	dir := t.TempDir()
	var seen []Progress
	o := smallNerRun(filepath.Join(dir, "ner"))
	o.Progress = func(p Progress) bool { seen = append(seen, p); return false }
	r, err := TrainNer(fixture("bert-tiny-ner"), conll("train.txt"), conll("valid.txt"), o)
	if err != nil || r.Steps != 2 || r.TrainExamples != 16 {
		t.Fatalf("train: %+v %v", r, err)
	}
	evaluated := false
	for _, p := range seen {
		evaluated = evaluated || (p.Evaluated && p.MetricName == "overall_f1")
	}
	if !evaluated {
		t.Fatalf("no evaluation reported: %+v", seen)
	}
	m, err := LoadNer(filepath.Join(dir, "ner"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var done [][2]int
	rep, err := EvaluateNer(m, conll("valid.txt"), &EvalOptions{MaxExamples: 20, BatchSize: 8,
		Progress: func(d, n int) bool { done = append(done, [2]int{d, n}); return false }})
	if err != nil || rep.Accuracy < 0 || rep.Accuracy > 1 {
		t.Fatalf("evaluate: %+v %v", rep, err)
	}
	if len(done) == 0 || done[len(done)-1] != [2]int{20, 20} {
		t.Fatalf("evaluation progress: %v", done)
	}
	if _, err := EvaluateNer(m, conll("valid.txt"), &EvalOptions{MaxExamples: 20,
		Progress: func(int, int) bool { return true }}); !errors.Is(err, ErrCancelled) {
		t.Fatalf("evaluation cancel: %v", err)
	}
	m.Close()

	calls := 0
	o = smallNerRun(filepath.Join(dir, "cancel"))
	o.Progress = func(Progress) bool { calls++; return true }
	if _, err := TrainNer(fixture("bert-tiny-ner"), conll("train.txt"), "", o); !errors.Is(err, ErrCancelled) || calls != 1 {
		t.Fatalf("cancel: %v after %d calls", err, calls)
	}
}

func TestTrainToxicThenEvaluate(t *testing.T) {
	if os.Getenv("NLP_EXPECTED") == "" {
		t.Skip("run through ctest")
	}
	data := filepath.Join(sharedDir(), "data", "toxic-chat", "toxicchat0124-human")
	out := filepath.Join(t.TempDir(), "toxic")
	o := DefaultTrainOptions()
	o.OutputDir, o.MaxSteps, o.BatchSize, o.MaxTrainExamples, o.MaxEvalExamples = out, 2, 4, 8, 8
	o.LoggingSteps, o.MaxLength = 1, 32
	r, err := TrainToxic(fixture("t5-tiny"), filepath.Join(data, "train.csv"), filepath.Join(data, "test.jsonl"),
		&ToxicOptions{Prefix: "toxic: "}, o)
	if err != nil || r.Steps != 2 {
		t.Fatalf("train: %+v %v", r, err)
	}
	c, err := LoadToxic(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	m, err := EvaluateToxic(c, filepath.Join(data, "test.jsonl"), &EvalOptions{MaxExamples: 8})
	if err != nil || m.Count != 8 || m.TN+m.FP+m.FN+m.TP != 8 {
		t.Fatalf("evaluate: %+v %v", m, err)
	}
}

func TestScoreTags(t *testing.T) {
	r, err := ScoreTags([][]string{{"B-PER", "I-PER", "O"}, {"B-LOC"}}, [][]string{{"B-PER", "I-PER", "O"}, {"O"}}, false, "")
	if err != nil || len(r.Types) != 2 || r.Types[1].Type != "PER" || r.Types[1].F1 != 1 || r.Types[0].F1 != 0 {
		t.Fatalf("%+v %v", r, err)
	}
	if _, err := ScoreTags([][]string{{"E-PER"}}, [][]string{{"O"}}, true, "IOB2"); !errors.Is(err, ErrInvalidArg) {
		t.Fatalf("strict: %v", err)
	}
}
