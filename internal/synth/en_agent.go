package synth

// enAgentPhrases are the English phrases of agents, bots and the chat system.
func enAgentPhrases() rawBook {
	return rawBook{
		kAgentGreet: {
			"[Hi|Hello|Hi there], this is {agent} from {shop} support. How can I help you today?",
			"Hello and thanks for contacting {shop}! My name is {agent}, [what can I do for you?|how may I help?]",
			"Good [morning|afternoon|evening]! {agent} here from the {shop} team. What can I help you with?",
			"Hi, thanks for waiting. I'm {agent} and I'll be [taking care of|looking into] this for you.",
			"Welcome to {shop} customer care, my name is {agent}. How are you doing today?",
		},
		kAgentGreetVoice: {
			"Thank you for calling {shop}, this is {agent}, agent number {workno}. How can I help you today?",
			"Hi, you've reached {shop} customer service, my name is {agent}. What can I do for you?",
			"Hello, {agent} speaking, how can I help?",
		},
		kAgentCurtOpen:  {"What's the issue?", "Yeah?", "What do you need", "Go ahead."},
		kAgentCurtOrder: {"Order number.", "Order number?"},
		kAgentAskOrder: {
			"[Could you please|Can you] share your order number so I can look into it?",
			"Sure, what's the order number?",
			"To pull up your order, may I have the order number please?",
			"No problem. Could I get the order number from your confirmation email?",
		},
		kAgentAskOrderMore: {"Can you send the order number again?", "What's the order number?", "I'll need the order number please.", "Order number?"},
		kAgentIdentity: {
			"For your security, could you first confirm the phone number on the account?",
			"Before I access your account, I need to verify your identity. What's the phone number you registered with?",
			"Could you verify the email address and phone number on file first?",
		},
		kAgentIdentityOK: {"Thank you, you're verified.", "Great, that matches our records.", "Thanks, verification complete."},
		kAgentAccount: {
			"The account is registered to {phone} and the email {email}.",
			"I can see your account email is {email} and the default address is {address}.",
			"Your account shows the phone number {phone} and a recent order of {price}.",
		},
		kAgentEmpathy: {
			"I'm [really|so|truly] sorry about this, I completely understand how frustrating it is.",
			"I'm sorry for the trouble, I'd be upset too.",
			"I understand, and I apologize for the inconvenience. Let's get this sorted out.",
			"That's definitely not the experience we want you to have, I'm sorry.",
		},
		kAgentHold: {
			"[Please give me|Give me] a moment while I check that for you.",
			"Let me look into this, one moment please.",
			"I'm going to place you on a brief hold while I check the system.",
			"Bear with me for a second, I'm pulling up the details.",
		},
		kAgentHoldBack: {"Thanks for holding.", "Thank you for your patience.", "Sorry for the wait."},
		kAgentAck:      {"Okay.", "Got it.", "Sure.", "Alright.", "Noted."},
		kAgentClosing: {
			"Is there anything else I can help you with today? Have a great [day|evening]!",
			"Thanks for reaching out to {shop}. Have a wonderful day!",
			"Glad I could help. If anything else comes up, just message us anytime. Take care!",
			"Thanks for your patience today, have a good one. Goodbye!",
		},
		kAgentTransfer: {"Of course, let me transfer you to a [supervisor|specialist] right away.", "Sure, I'm connecting you with a human agent now, please hold.", "Understood, I'll escalate this to my supervisor."},
		kAgentPromise: {
			"I guarantee it will arrive tomorrow.",
			"Don't worry, I guarantee you a full refund, 100 percent.",
			"I promise this will never happen again.",
			"You'll definitely have your money back today, I guarantee it.",
		},
		kAgentNoPromise: {
			"I can't guarantee it will arrive tomorrow, but I'll ask the courier to expedite it.",
			"I'm not able to promise a specific date, but I'll follow up with the warehouse.",
			"I can't guarantee the refund outcome, it depends on the review.",
		},
		kAgentBlame: {
			"That's because you didn't read the product description.",
			"This happened because you used it wrong, it's not on us.",
			"Did you even read the instructions?",
			"Honestly, that's your mistake, not ours.",
		},
		kAgentPolicyOK: {
			"We accept returns within 7 days of delivery for unopened items; opened food products can't be returned.",
			"Once the refund is approved it goes back to your original payment method within 1-3 business days.",
			"Defective items can be returned or exchanged within 15 days of delivery, and we cover the shipping.",
		},
		kAgentPolicyBad: {
			"No problem, you can return anything within 30 days, no questions asked.",
			"Even opened items can be returned, there are no restrictions.",
			"The refund will hit your account today.",
			"You don't need to send it back, just request the refund and we'll pay it in full.",
		},
		kAgentAskCard:      {"Which card should we refund to? Please send the card number.", "Since this was paid on delivery, I'll need a card number for the refund."},
		kAgentCardRead:     {"Just to confirm, your card number is {card}, correct?", "Okay, I've noted the card {card} for the refund."},
		kAgentCardMasked:   {"Just to confirm, that's the card ending in {last4}?", "Got it, the refund will go to the card ending {last4}."},
		kAgentAskID:        {"For customs clearance I'll need the recipient's ID number.", "Could you provide the ID number for the customs declaration?"},
		kAgentIDRead:       {"Okay, your ID number is {idnum}, I've registered it.", "Let me read it back: {idnum}, correct?"},
		kAgentIDMasked:     {"ID ending in {idlast4} is verified.", "Thanks, the ID ending {idlast4} has been submitted."},
		kAgentDeflect:      {"Let me take a look at the issue first.", "Can you tell me what the problem is?", "I can handle this for you myself."},
		kAgentDeflectOrder: {"What's your order number?", "First, what's your order number?"},
		kAgentReassure: {
			"I've marked this as urgent and you'll get an update as soon as there's progress.",
			"I've escalated it internally; expect a reply within {days} business days.",
			"It's all logged now, you can track the status from your order page.",
		},
		kAgentEmailOpen: {"Dear customer,\n\nThank you for contacting {shop}.", "Hi {customer},\n\nThanks for your email.", "Hello,\n\nThank you for reaching out about your order."},
		kAgentCodeWarning: {
			"A quick reminder: never share your verification code or password with anyone, we will never ask for them.",
			"For your security, don't give the one-time code to anyone, including our staff.",
		},
		kAgentOffPlatform: {
			"Sorry, for your protection please don't pay anyone outside the platform; everything is handled right here.",
			"I can't move this to WhatsApp or take a direct transfer, but I can sort it out for you in this chat.",
		},
		kAgentEmailSign: {"\n\nPlease let us know if there's anything else we can do.\n\nBest regards,\n{agent}\n{shop} Customer Care", "\n\nKind regards,\n{agent} | {shop} Support"},
		kBotGreet: {
			"Hi! I'm {shop}'s virtual assistant. How can I help you today?",
			"Hello, I'm a bot. You can ask things like 'track my order' or 'start a return'.",
		},
		kBotNotUnderst:  {"Sorry, I didn't quite get that. Could you rephrase?", "I'm still learning! Try asking 'where is my order' or 'refund'.", "Did you mean: how do I request a refund?"},
		kBotTransfer:    {"Connecting you to a live agent, please wait...", "Sure, transferring you to a human agent. There are {n} people ahead of you."},
		kBotAskOrder:    {"Please enter your order number.", "What's your order number? I'll check it for you."},
		kBotDeflect:     {"All our agents are busy right now, but I can help too! What would you like to know?", "How can I help you today?", "Did you mean: how long does a refund take?"},
		kSystemConnect:  {"{agent} has joined the chat", "Agent {agent} is now connected"},
		kSystemTransfer: {"Chat transferred to {agent}", "You are now chatting with {agent}"},
		kSystemQueue:    {"You are number {n} in the queue", "Estimated wait: {n} minutes"},
	}
}
