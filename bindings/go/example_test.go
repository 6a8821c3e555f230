package nlp_test

import (
	"fmt"
	"os"
	"path/filepath"

	"nlp"
)

func fixture(name string) string {
	dir := os.Getenv("NLP_SHARED_DIR")
	if dir == "" {
		dir = "../../../shared"
	}
	return filepath.Join(dir, "fixtures", name)
}

// The tiny random fixture model finds arbitrary entities, but offsets and
// classes come out as with any checkpoint.
func ExampleNerModel() {
	m, err := nlp.LoadNer(fixture("bert-tiny-ner"), &nlp.NerOptions{Device: "cpu"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer m.Close()
	text := "EU officials meet German farmers near British ports ."
	entities, _ := m.Run(text)
	for _, e := range entities[:2] {
		fmt.Printf("%s %q [%d:%d]\n", e.Class, text[e.ByteStart:e.ByteEnd], e.Start, e.End)
	}
	// Output:
	// LOC "EU" [0:2]
	// ORG "officials" [3:12]
}

func ExampleToxicClassifier() {
	m, err := nlp.LoadToxic(fixture("t5-tiny"), &nlp.ToxicOptions{Prefix: "toxic: ",
		Labels: []nlp.ToxicLabel{{Word: "yes", IsToxic: true}, {Word: "no", IsToxic: false}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer m.Close()
	r, _ := m.Classify("You are a wonderful person")
	fmt.Printf("toxic=%v score in [0,1]: %v\n", r.IsToxic, r.Score >= 0 && r.Score <= 1)
	// Output:
	// toxic=false score in [0,1]: true
}

func ExampleTokenizer() {
	tok, err := nlp.LoadTokenizer(fixture("bert-tiny-ner"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer tok.Close()
	enc, _ := tok.Encode("Zoë lives in Zürich", nil)
	fmt.Println(enc.Tokens)
	fmt.Println(enc.Start, enc.End)
	// Output:
	// [[CLS] Z ##o ##ë lives in Zürich [SEP]]
	// [0 0 1 2 4 10 13 0] [0 1 2 3 9 12 19 0]
}

func ExampleTrainNer() {
	dir, _ := os.MkdirTemp("", "nlp-example")
	defer os.RemoveAll(dir)
	o := nlp.DefaultTrainOptions()
	o.OutputDir = dir
	o.MaxSteps, o.BatchSize, o.MaxTrainExamples, o.LoggingSteps = 2, 4, 8, 1
	o.Progress = func(p nlp.Progress) bool {
		fmt.Printf("step %d of %d\n", p.Step, p.TotalSteps)
		return false
	}
	data := filepath.Join(filepath.Dir(filepath.Dir(fixture("x"))), "data", "conll2003", "train.txt")
	r, err := nlp.TrainNer(fixture("bert-tiny-ner"), data, "", o)
	fmt.Println(r.Steps, err)
	// Output:
	// step 1 of 2
	// step 2 of 2
	// step 2 of 2
	// 2 <nil>
}
