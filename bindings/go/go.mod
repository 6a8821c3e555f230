module nlp

go 1.19
