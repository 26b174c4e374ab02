import DigitsCore
import Testing
@testable import DigitsTUI

@Suite("Train screen form")
struct TrainFormTests {
    @Test func defaultsAreTheFastRecipe() {
        var form = TrainForm()
        #expect(form.configuration() == TrainingPreset.fast.configuration)
        #expect(form.matchingPreset == .fast)
        #expect(form.output == "digits-model.safetensors")
    }

    @Test func recipeKeySwitchesToTheShippedRecipeAndBack() throws {
        var app = try trainApp(TrainScreen(setup: TrainScreenSetup(data: try fakeDataDirectory())))
        app.type("r")
        var form = try app.train.form
        #expect(form.configuration() == TrainingPreset.shipped.configuration)
        #expect(app.render().text.contains("Settings: shipped recipe"))
        app.type("r")
        form = try app.train.form
        #expect(form.configuration() == TrainingPreset.fast.configuration)
    }

    @Test func theFormAcceptsExactlyWhatTrainingAccepts() {
        for (field, limit) in [(TrainField.batchSize, TrainingLimits.batchSize), (.epochs, TrainingLimits.epochs)] {
            let range = limit.range
            for value in [range.lowerBound - 1, range.lowerBound, range.upperBound, range.upperBound + 1] {
                #expect((field.problem(with: String(value)) == nil) == limit.contains(value), "\(field) \(value)")
            }
        }
        for text in ["0", "1e-7", "100", "100.01", "-1", "nan", "inf"] {
            let rate = Float(text) ?? 0
            #expect((TrainField.learningRate.problem(with: text) == nil) == TrainingLimits.learningRate.contains(rate), "\(text)")
        }
        let size = TrainingLimits.hiddenSize.range
        for value in [size.lowerBound - 1, size.lowerBound, size.upperBound, size.upperBound + 1] {
            #expect((TrainField.hiddenSizes.problem(with: "16,\(value)") == nil) == TrainingLimits.hiddenSize.contains(value))
        }
        #expect(TrainField.output.problem(with: " ")?.contains(TrainingOutput.defaultPath) == true)
    }

    @Test func invalidValueIsRefusedAtTheField() throws {
        var app = try trainApp(try trainScreen())
        // Down to Epochs (the sixth field), edit, clear, type 0.
        app.send(Array(repeating: .key(.down), count: 5) + [.key(.enter)])
        #expect(try app.train.form.editing?.field == .epochs)
        app.send([.key(.backspace)])
        app.type("0")
        app.send([.key(.enter)])
        let form = try app.train.form
        #expect(form.isEditing, "a refused value keeps the field open")
        #expect(form.problem?.field == .epochs)
        #expect(form[.epochs] == "3")
        let text = app.render().text
        #expect(text.contains("! Epochs"))
        #expect(form.problem?.message == "epochs: a whole number 1-100000")
        // The message is wrapped under the fields.
        #expect(text.contains("│epochs: a whole number"))
        #expect(text.contains("│1-100000"))
        // Fixing it clears the message.
        app.send([.key(.backspace)])
        app.type("2")
        app.send([.key(.enter)])
        #expect(try app.train.form[.epochs] == "2")
        #expect(try app.train.form.problem == nil)
    }

    @Test func typingDigitsAndQInAFieldDoesNotSwitchOrQuit() throws {
        var app = try trainApp(try trainScreen())
        app.send([.key(.enter)])
        app.send([.key(.backspace)])
        let effects = app.send("2,q".map { .key(.character($0)) })
        #expect(effects.isEmpty)
        #expect(app.activeScreen.title == "Train")
        #expect(try app.train.form.editing?.text == "2,q")
        app.send([.key(.enter)])
        #expect(app.render().text.contains("hidden sizes: whole numbers"))
        app.send([.key(.escape)])
        #expect(try app.train.form[.hiddenSizes] == "4")
        #expect(try app.train.form.isEditing == false)
    }

    @Test func choicesCycle() {
        var form = TrainForm()
        form.selected = .optimizer
        form.cycle(.optimizer)
        #expect(form[.optimizer] == "adam")
        form.cycle(.optimizer)
        #expect(form[.optimizer] == "gd")
        form.cycle(.augmentation)
        #expect(form.configuration()?.augmentation == .standard)
    }

    @Test(arguments: [
        (TrainField.hiddenSizes, "512,128", true), (.hiddenSizes, "0", false), (.hiddenSizes, "12,", false),
        (.learningRate, "0.05", true), (.learningRate, "-1", false), (.learningRate, "abc", false),
        (.batchSize, "64", true), (.batchSize, "0", false), (.seed, "42", true), (.seed, "-3", false),
        (.output, "model.safetensors", true), (.output, "", false),
    ])
    func fieldValidation(field: TrainField, text: String, valid: Bool) {
        #expect((field.problem(with: text) == nil) == valid)
    }
}
