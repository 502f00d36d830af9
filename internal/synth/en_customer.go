package synth

// enCustomerPhrases are the English phrases of customers that do not depend
// on the intent.
func enCustomerPhrases() rawBook {
	return rawBook{
		kCustHello:               {"Hi", "Hello", "hey", "Hi there,", "Hello?"},
		kCustGiveOrder:           {"Order number is {order}", "{order}", "it's {order}", "Sure, {order}"},
		kCustGiveOrderMore:       {"I already gave it to you. {order}", "For the third time, {order}!!", "Again?? {order}. Can you not read the chat?"},
		kCustGivePhone:           {"My phone is {phone}", "{phone}", "It's {phone}"},
		kCustGiveCard:            {"Refund it to this card: {card}", "card number {card}", "{card}"},
		kCustGiveID:              {"ID number {idnum}", "{idnum}", "Here it is: {idnum}"},
		kCustGiveAddress:         {"The address is {address}", "Ship it to {address}", "{address}, please don't send it to the wrong place again"},
		kCustGiveEmail:           {"My email is {email}", "send it to {email}", "{email}"},
		kCustAskHuman:            {"Can I speak to a human?", "agent", "I want to talk to a real person", "representative please", "Are you a bot? Get me a human."},
		kCustAskHumanMore:        {"I SAID I want a human!!!", "HUMAN. AGENT. NOW.", "Stop asking me questions and get me a person"},
		kCustSatisfied:           {"Great, that's a relief", "Perfect, thanks so much[!| 😊|]", "Okay, that works for me", "Awesome, appreciate it"},
		kCustThanks:              {"Thanks", "Thank you", "No, that's all, thanks", "ok thx", "That's it, thanks"},
		kCustUnhappyBye:          {"Forget it, I'll figure it out myself", "This is terrible service, I'm filing a complaint", "Whatever. Leaving a 1-star review"},
		kCustThreat:              {"If this isn't fixed I'm disputing the charge with my bank!", "I want to file a formal complaint, get me your manager", "I'm reporting this to the BBB"},
		kCustQuotePromise:        {"Can you guarantee it arrives tomorrow?", "The last agent guaranteed me a full refund", "Will you promise this won't happen again?"},
		kCustAlso:                {"Also, ", "One more thing, ", "Oh and ", "By the way, "},
		kCustSpike:               {"Is this batch {spikeword}?", "And it's {spikeword}, what is going on?", "Mine is {spikeword} too, lot {batch}", "Lots of reviews say {spikeword}, is that true?"},
		kCustCoupon:              {"My coupon expired, can I still use it?", "The {coupon} voucher expired yesterday, can you reissue it?", "It says the promo code is expired but it shouldn't be"},
		kCustBlamedReply:         {"Excuse me?? What kind of attitude is that?", "How is this my fault?", "Wow. Don't talk to me like that."},
		kCustFiller:              {"um", "uh", "yeah", "okay so", "right"},
		kCustAbuse:               {"Are you stupid or something?", "This is bullshit, you idiots", "What the hell is wrong with you people?"},
		kCustOffPlatform:         {"Can I just WhatsApp you and pay you directly?", "Can we do this outside the app? I'll transfer the money to you"},
		kCustEmailOpen:           {"Hello,\n\n", "Hi there,\n\n", "To whom it may concern,\n\n"},
		kCustEmailSign:           {"\n\nThanks,\n{customer}", "\n\nRegards,\n{customer}", "\n\nBest,\n{customer}\n{phone}"},
		kCustAngrySuffix:         {"!!!", "???", " 😡", "!!", " 🙄", ". Ridiculous!", ". Unbelievable."},
		kCustAnxiousSuffix:       {", it's urgent!", ", please hurry", " 😟", "??"},
		kCustHappySuffix:         {" 😊", " 👍", "!", " :)"},
		keyFollowup(moodCalm):    {"How long will that take?", "Okay, is there anything I need to do?", "So I just wait for an update?", "Is there a tracking number I can use?"},
		keyFollowup(moodAnxious): {"Can you please hurry? I really need it", "Will it be sorted today? I need it for the weekend", "What if it still doesn't work?", "I've been waiting for days, can you push them?"},
		keyFollowup(moodAngry):   {"This is the worst service ever!!!", "You keep saying that, when will it actually happen?", "I don't want excuses, just fix it", "I paid good money for this and this is what I get?"},
	}
}
