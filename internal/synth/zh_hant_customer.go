package synth

// hantCustomerPhrases are the Traditional Chinese phrases of customers that
// do not depend on the intent, Taiwan phrasing with some Hong Kong lines.
func hantCustomerPhrases() rawBook {
	return rawBook{
		kCustHello:               {"您好", "請問有人在嗎", "哈囉", "你好，", "客服您好", "唔該"},
		kCustGiveOrder:           {"訂單編號：{order}", "{order}", "是這筆 {order}", "訂單號碼是{order}，麻煩查一下"},
		kCustGiveOrderMore:       {"我剛剛不是給過了嗎？{order}", "講了好幾次了，{order}！！", "又要訂單編號？{order}，你們可以看一下對話紀錄嗎"},
		kCustGivePhone:           {"手機是{phone}", "{phone}", "註冊的號碼{phone}", "我的電話是{phone}"},
		kCustGiveCard:            {"退到這張卡：{card}", "卡號{card}", "信用卡號碼是{card}"},
		kCustGiveID:              {"身分證字號{idnum}", "{idnum}", "好的，身分證是{idnum}"},
		kCustGiveAddress:         {"地址是{address}", "寄到{address}", "收件地址：{address}，不要再寄錯了"},
		kCustGiveEmail:           {"我的Email是{email}", "寄到{email}就可以", "信箱{email}"},
		kCustAskHuman:            {"轉真人客服", "我要真人客服", "可以找真人嗎？", "你是機器人吧？我要找專人", "唔該轉真人"},
		kCustAskHumanMore:        {"我說了要真人！！！", "聽不懂嗎？轉真人客服！", "真人！真人！真人！"},
		kCustSatisfied:           {"好的，那我就放心了", "好喔，這樣就可以，辛苦了", "太好了，謝謝你[！|～|😊]", "了解，麻煩你了"},
		kCustThanks:              {"好的謝謝", "謝謝", "沒有了，謝謝", "OK 謝謝喔", "唔該晒"},
		kCustUnhappyBye:          {"算了，我自己想辦法", "你們服務真的很差，我要客訴", "好吧，我去消保官申訴", "就這樣吧，給一星"},
		kCustThreat:              {"再不處理我就找消保官！", "我要客訴，請你們主管來", "不處理我就上網公開", "我要去消委會投訴"},
		kCustQuotePromise:        {"你們可以保證明天到嗎？", "上次客服說保證全額退款的", "你能保證不會再發生嗎？"},
		kCustAlso:                {"另外，", "還有一個問題，", "對了，", "順便問一下，"},
		kCustSpike:               {"這批是不是{spikeword}？", "而且{spikeword}，你們怎麼回事？", "我收到的也是{spikeword}，批號{batch}", "網路上很多人說{spikeword}，是真的嗎？"},
		kCustCoupon:              {"我的折價券過期了，還能用嗎？", "{coupon}的券昨天過期了，可以補發嗎？", "優惠券顯示已過期，明明還沒到期啊"},
		kCustBlamedReply:         {"你這是什麼態度？？", "你怎麼這樣講話？", "怎麼變成我的問題了？"},
		kCustFiller:              {"嗯", "那個", "喂", "呃", "對對對", "是"},
		kCustAbuse:               {"你們客服是白痴嗎？", "靠北，什麼爛客服", "你哋係咪痴線㗎？"},
		kCustOffPlatform:         {"可以加你LINE嗎？直接轉帳給你", "可以私下交易嗎？算便宜一點"},
		kCustEmailOpen:           {"您好：\n\n", "客服您好，\n\n"},
		kCustEmailSign:           {"\n\n{customer}", "\n\n謝謝！\n{customer}", "\n\n麻煩盡快回覆。\n{customer}\n聯絡電話：{phone}"},
		kCustAngrySuffix:         {"！！！", "？？？", "😡", "！！", "，真的很扯", "，太誇張了！"},
		kCustAnxiousSuffix:       {"，很急！", "，麻煩快一點", "😭", "？？"},
		kCustHappySuffix:         {"😊", "👍", "～", "！"},
		keyFollowup(moodCalm):    {"那大概多久可以處理好呢？", "好的，那我需要做什麼嗎？", "那我等通知就可以了嗎？", "請問有物流單號可以查嗎？"},
		keyFollowup(moodAnxious): {"可以快一點嗎？我真的很急", "今天可以處理好嗎？我等著用", "萬一還是不行怎麼辦？", "點解仲未搞掂？我好急"},
		keyFollowup(moodAngry):   {"你們這是什麼服務！！！", "每次都說處理，到底什麼時候處理？", "不要再叫我等了，直接解決", "太扯了，花錢買的東西就這樣？"},
	}
}
