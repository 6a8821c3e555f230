// NER, toxicity and tokens with the Go binding (models: the tiny random
// fixtures under ../shared/fixtures; point the paths at real checkpoints).
package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"nlp"
)

func main() {
	shared := os.Getenv("NLP_SHARED_DIR")
	if shared == "" {
		shared = "../shared"
	}
	fixtures := filepath.Join(shared, "fixtures")
	text := "Mike Müller flew from Zürich to New York ."

	ner, err := nlp.LoadNer(filepath.Join(fixtures, "bert-tiny-ner"), &nlp.NerOptions{Device: "cpu"})
	if err != nil {
		log.Fatal(err)
	}
	defer ner.Close()
	entities, err := ner.Run(text)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range entities {
		fmt.Printf("%-4s %q [%d:%d] bytes [%d:%d]\n", e.Class, text[e.ByteStart:e.ByteEnd], e.Start, e.End,
			e.ByteStart, e.ByteEnd)
	}

	toxic, err := nlp.LoadToxic(filepath.Join(fixtures, "t5-tiny"), &nlp.ToxicOptions{Prefix: "toxic: ",
		Labels: []nlp.ToxicLabel{{Word: "yes", IsToxic: true}, {Word: "no", IsToxic: false}}})
	if err != nil {
		log.Fatal(err)
	}
	defer toxic.Close()
	r, err := toxic.Classify("You are a wonderful person")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("toxic:", r.IsToxic, "score in [0, 1]:", r.Score >= 0 && r.Score <= 1)

	tok, err := nlp.LoadTokenizer(filepath.Join(fixtures, "bert-tiny-ner"))
	if err != nil {
		log.Fatal(err)
	}
	defer tok.Close()
	enc, err := tok.Encode("Zoë in Zürich", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(enc.Tokens, enc.Start, enc.End)

	if _, err := nlp.LoadNer("/no/such/model", nil); errors.Is(err, nlp.ErrIO) {
		fmt.Println("error: NLP_ERR_IO")
	}
}
